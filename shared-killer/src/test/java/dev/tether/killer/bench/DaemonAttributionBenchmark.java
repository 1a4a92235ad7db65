package dev.tether.killer.bench;

import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.client.SpawnedTree;
import dev.tether.killer.platform.Backend;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.stop.StopReport;
import dev.tether.killer.testing.Os;
import dev.tether.killer.testing.Scripts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limit of attribution, measured: how many double-forked daemons that clear their environment are stopped
 * with their fixture, on this JVM's backend ({@code TETHER_BACKEND=portable} measures the portable one),
 * without cgroups. Launched one at a time every daemon is attributable; launched at the same moment, the
 * portable backend cannot tell whose they are and names them instead ("could not be attributed"). A daemon
 * left running is ended here by its pid, which this benchmark started.
 */
@EnabledOnOs(OS.LINUX)
class DaemonAttributionBenchmark {
    private static final int ROUNDS = 8;
    private static final int AT_ONCE = 4;
    private static final Duration SETTLE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @TempDir
    Path ledgers;

    @Test
    void printAttributionFigures() throws Exception {
        String backend = Backend.current().wireName();
        Figures oneAtATime =
                new Figures("daemons stopped with their fixture, one launch at a time (" + backend + ")", "%", "100 %");
        Figures together = new Figures(
                "daemons stopped with their fixture, " + AT_ONCE + " launched at once (" + backend + ")",
                "%",
                "measured");
        Figures leftRunning =
                new Figures("daemons left running once all " + AT_ONCE + " stopped (" + backend + ")", "%", "measured");
        try (ProcessSupervisor supervisor = ProcessSupervisor.launch(ledgers, false)) {
            for (int round = 0; round < ROUNDS; round++) {
                oneAtATime.add(launchAndStop(supervisor, round, 1).percentWithTheirFixture());
                Outcome atOnce = launchAndStop(supervisor, round, AT_ONCE);
                together.add(atOnce.percentWithTheirFixture());
                leftRunning.add(atOnce.percentLeftRunning());
            }
        }
        List<String> rows = List.of(oneAtATime.row(), together.row(), leftRunning.row());
        System.out.println();
        System.out.println("Tether daemon attribution, no cgroups, backend " + backend);
        System.out.println(Figures.header());
        rows.forEach(System.out::println);
        Files.writeString(
                Paths.get("target", "benchmark-attribution-" + backend + ".md"),
                Figures.header() + "\n" + String.join("\n", rows) + "\n");
    }

    /** Of the daemons of one launch: how many their own fixture's stop ended, how many no stop ended. */
    private record Outcome(int daemons, int withTheirFixture, int leftRunning) {
        double percentWithTheirFixture() {
            return 100.0 * withTheirFixture / daemons;
        }

        double percentLeftRunning() {
            return 100.0 * leftRunning / daemons;
        }
    }

    /** Launches {@code count} daemonizing fixtures together, stops them one by one, and sees what became of each daemon. */
    private Outcome launchAndStop(ProcessSupervisor supervisor, int round, int count) throws Exception {
        List<CompletableFuture<SpawnedTree>> spawns = new ArrayList<>();
        List<Path> pidFiles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path pids = dir.resolve("pids-" + round + "-" + count + "-" + i);
            pidFiles.add(pids);
            String id = "daemon-" + round + "-" + count + "-" + i;
            spawns.add(CompletableFuture.supplyAsync(
                    () -> supervisor.spawn(Scripts.spec(id, dir, "scrubbed-daemon.sh", pids.toString()))));
        }
        List<SpawnedTree> trees = new ArrayList<>();
        List<ProcessId> daemons = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            trees.add(spawns.get(i).join());
            daemons.add(Os.awaitPids(pidFiles.get(i), 1, SETTLE).get(0));
        }
        for (SpawnedTree tree : trees) {
            Os.await("the launcher to exit", SETTLE, () -> !tree.isLeaderAlive());
        }
        int taken = 0;
        for (int i = 0; i < count; i++) {
            StopReport report = trees.get(i).stop();
            int pid = daemons.get(i).pid();
            if (report.ended().stream().anyMatch(ended -> ended.pid() == pid)) {
                taken++;
            }
        }
        int left = 0;
        for (ProcessId daemon : daemons) {
            if (Os.isAlive(daemon)) { // named, not attributed: this benchmark started it, so it ends it
                left++;
                ProcessHandle.of(daemon.pid()).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        Os.awaitAllDead(daemons, SETTLE);
        return new Outcome(count, taken, left);
    }
}
