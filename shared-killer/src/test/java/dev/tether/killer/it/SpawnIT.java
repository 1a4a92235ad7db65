package dev.tether.killer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.client.ExitEvent;
import dev.tether.killer.client.SpawnedTree;
import dev.tether.killer.client.TreeSpec;
import dev.tether.killer.testing.Os;
import dev.tether.killer.testing.SupervisorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a spawned child gets, on whichever spawn path this run uses (the degraded-paths run forces the one of
 * glibc before 2.34): its working directory, and no descriptor of the supervisor beyond stdin/stdout/stderr.
 */
@EnabledOnOs(OS.LINUX)
class SpawnIT {
    @RegisterExtension
    static final SupervisorExtension SUPERVISOR = new SupervisorExtension();

    @Test
    void theChildRunsInItsDirectoryWithOnlyItsThreeDescriptors(@TempDir Path dir) throws Exception {
        Path work = Files.createDirectory(dir.resolve("work dir"));
        TreeSpec spec = TreeSpec.of("fds", List.of("sleep", "30"), work, dir.resolve("fds.log"));

        try (SpawnedTree tree = SUPERVISOR.get().spawn(spec)) {
            Path proc = Path.of("/proc", Integer.toString(tree.pid()));
            // Asleep, not just exec'ed: while the loader and setlocale run, the child briefly holds the files it
            // reads (JDK 25's unprivileged portable run saw a fd 3 then); a supervisor descriptor would stay.
            Os.await(
                    "sleep to have exec'ed and to sleep",
                    Duration.ofSeconds(10),
                    () -> Os.PROC.commandLine(tree.pid()).startsWith("sleep")
                            && Os.PROC
                                    .process(tree.pid())
                                    .map(p -> p.state() == 'S')
                                    .orElse(false));

            assertEquals(work, Files.readSymbolicLink(proc.resolve("cwd")));
            try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
                assertEquals(
                        Set.of("0", "1", "2"),
                        fds.map(fd -> fd.getFileName().toString()).collect(Collectors.toSet()),
                        "the child must hold stdin, stdout and stderr only, nothing of the supervisor");
            }
            assertEquals(dir.resolve("fds.log"), Files.readSymbolicLink(proc.resolve("fd/1")));
        }
    }

    /**
     * The exit of a leader says whether its tree was over then (a group stops such a fixture beside the next wave):
     * a cgroup tells at once, and so does the subreaper's children list (the leader's orphans are re-parented to it
     * before it is reaped); without either (the portable backend) it is never claimed.
     */
    @Test
    void aLeaderExitSaysWhetherItsTreeWasOver(@TempDir Path dir) throws Exception {
        boolean knowable = SUPERVISOR.get().attributesByCgroup()
                || SUPERVISOR.get().hello().subreaper();
        TreeSpec alone = TreeSpec.of("alone", List.of("/bin/sh", "-c", "exit 3"), dir, dir.resolve("alone.log"));
        TreeSpec leaving =
                TreeSpec.of("leaving", List.of("/bin/sh", "-c", "sleep 300 & exit 0"), dir, dir.resolve("leaving.log"));
        TreeSpec escaping = TreeSpec.of(
                "escaping", List.of("/bin/sh", "-c", "setsid sleep 300 & exit 0"), dir, dir.resolve("escaping.log"));

        // first on its own: another tree's orphan not yet claimed makes the answer a cautious "not known"
        try (SpawnedTree over = SUPERVISOR.get().spawn(alone)) {
            ExitEvent overExit = over.exit().get(10, TimeUnit.SECONDS);
            assertEquals(3, overExit.exitCode());
            assertEquals(knowable, overExit.treeEnded(), "nothing of 'exit 3' is left: " + overExit);
        }
        try (SpawnedTree left = SUPERVISOR.get().spawn(leaving);
                SpawnedTree escaped = SUPERVISOR.get().spawn(escaping)) {
            ExitEvent leftExit = left.exit().get(10, TimeUnit.SECONDS);
            ExitEvent escapedExit = escaped.exit().get(10, TimeUnit.SECONDS);

            // (the portable backend may not find the sleep in a session of its own: pid 1 holds it, unattributed)
            assertTrue(left.members().stream().anyMatch(p -> !p.isDead()), "its sleep still runs");
            assertFalse(leftExit.treeEnded(), "its sleep is left: " + leftExit);
            assertFalse(escapedExit.treeEnded(), "its sleep in a session of its own is left: " + escapedExit);
        }
    }

    /**
     * A stop says whether every process the supervisor adopted was claimed when it ended (the JUnit extension then
     * skips its escapee request): with the subreaper's children list to read, a tree that leaves nothing says so;
     * the portable backend has no such list and never claims it.
     */
    @Test
    void aStopSaysWhetherAnyAdoptedProcessWasLeftUnclaimed(@TempDir Path dir) {
        TreeSpec wrapper =
                TreeSpec.of("wrapper", List.of("/bin/sh", "-c", "sleep 300 & wait"), dir, dir.resolve("wrapper.log"));

        SpawnedTree tree = SUPERVISOR.get().spawn(wrapper);
        Os.await(
                "its sleep to start",
                Duration.ofSeconds(10),
                () -> tree.members().size() == 2);
        assertFalse(tree.stoppedWithNothingUnclaimed(), "said before its stop");
        tree.stop();

        assertEquals(SUPERVISOR.get().hello().subreaper(), tree.stoppedWithNothingUnclaimed());
        assertTrue(
                SUPERVISOR.get().unclaimed().isEmpty(),
                "the request agrees: " + SUPERVISOR.get().unclaimed());
    }

    @Test
    void theSupervisorSaysWhichSpawnPathItTook() {
        String path = SUPERVISOR.get().hello().spawnPath();
        boolean forced = "fallback".equals(System.getenv("TETHER_SPAWN"));

        assertTrue(path.contains("posix_spawn"), path);
        assertEquals(forced, path.contains("one addclose per open descriptor"), path);
        assertEquals(forced, path.contains("chdir around the spawn"), path);
    }
}
