package dev.tether.killer.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tether.killer.client.SpawnedTree;
import dev.tether.killer.client.TreeSpec;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.stop.StopReport;
import dev.tether.killer.testing.Os;
import dev.tether.killer.testing.SupervisorExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A privileged tool (systemd, a container runtime, an admin) may move a fixture's process out of the fixture's
 * cgroup. The stop reads the cgroup only, then makes sure nothing of the tree is left anywhere: by the
 * subreaper's children when they show none of it is, else by the whole process table. Either way the moved
 * process must be dead after the stop. Needs a writable cgroup (root here; skipped on the degraded paths).
 */
@EnabledOnOs(OS.LINUX)
class MovedOutOfCgroupIT {
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @RegisterExtension
    static final SupervisorExtension SUPERVISOR = new SupervisorExtension();

    @TempDir
    Path dir;

    private final List<Path> elsewhere = new ArrayList<>();

    /** The child alone (its launcher still in the cgroup), or the launcher and its child, moved out. */
    @ParameterizedTest(name = "launcher moved too: {0}")
    @ValueSource(booleans = {false, true})
    void whatWasMovedOutOfTheFixturesCgroupIsStoppedWithTheTree(boolean launcherToo) throws Exception {
        assumeTrue(SUPERVISOR.get().attributesByCgroup(), "no writable cgroup: nothing can be moved out of one");
        Path pids = dir.resolve("pids");
        try (SpawnedTree tree = SUPERVISOR.get().spawn(shellWithChild("moved-" + launcherToo, pids))) {
            ProcessId child = Os.awaitPids(pids, 1, SETTLE).get(0);

            if (launcherToo) {
                moveOutOfItsCgroup(tree, tree.leader());
            }
            moveOutOfItsCgroup(tree, child);
            StopReport report = tree.stop();

            assertFalse(Os.isAlive(child), "the moved child outlived the stop: " + report.summary());
            assertFalse(Os.isAlive(tree.leader()), "the launcher outlived the stop: " + report.summary());
        }
    }

    /** A shell that starts a sleep, writes its pid, and waits for it (the sleep is its child, in its group). */
    private TreeSpec shellWithChild(String id, Path pids) {
        return TreeSpec.of(
                id,
                List.of("/bin/sh", "-c", "sleep 300 & echo $! > '" + pids + "'; wait"),
                dir,
                dir.resolve(id + ".log"));
    }

    /** What a privileged tool does: writes the pid into another cgroup's cgroup.procs. */
    private void moveOutOfItsCgroup(SpawnedTree tree, ProcessId process) throws IOException {
        Path own = tree.record().cgroup().orElseThrow();
        Path other = own.resolveSibling("moved-by-test-" + process.pid());
        Files.createDirectory(other);
        elsewhere.add(other);
        Files.writeString(other.resolve("cgroup.procs"), Integer.toString(process.pid()));
        assertTrue(
                Files.readString(other.resolve("cgroup.procs")).contains(Integer.toString(process.pid())),
                process + " was not moved to " + other);
        assertFalse(
                Files.readAllLines(own.resolve("cgroup.procs")).contains(Integer.toString(process.pid())),
                process + " is still in " + own);
    }

    /**
     * Ends what a failed stop left in the cgroups the test moved processes to (only processes this test started
     * are there), then removes them.
     */
    @AfterEach
    void removeCgroups() throws IOException {
        for (Path cgroup : elsewhere) {
            // by pid, not cgroup.kill (Linux 5.14+): only what this test moved there
            for (String pid : Files.readAllLines(cgroup.resolve("cgroup.procs"))) {
                ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
            }
            Os.await("the processes in " + cgroup + " to end", SETTLE, () -> {
                try {
                    return Files.readString(cgroup.resolve("cgroup.procs")).isBlank();
                } catch (IOException e) {
                    return true;
                }
            });
            Files.deleteIfExists(cgroup);
        }
    }
}
