package dev.tether.killer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.client.SpawnedTree;
import dev.tether.killer.client.TreeSpec;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.Signal;
import dev.tether.killer.stop.ProcessOutcome;
import dev.tether.killer.stop.StopPolicy;
import dev.tether.killer.stop.StopReport;
import dev.tether.killer.testing.Os;
import dev.tether.killer.testing.Scripts;
import dev.tether.killer.testing.SupervisorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every shape of process tree users start is gone after stop, as /proc shows it. */
@EnabledOnOs(OS.LINUX)
class TreeReapingIT {
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @RegisterExtension
    static final SupervisorExtension SUPERVISOR = new SupervisorExtension();

    @TempDir
    Path dir;

    @Test
    void wrapperChainWithBackgroundChildrenLeavesNothing() {
        Path pids = dir.resolve("pids");
        SpawnedTree tree = SUPERVISOR.get().spawn(Scripts.spec("chain", dir, "wrapper-chain.sh", pids.toString()));
        // outer sh + its sleep, then 3 pids for each of levels 2 and 3: 2 + 3 + 3
        List<ProcessId> all = Os.awaitPids(pids, 8, SETTLE);

        StopReport report = tree.stop();

        assertTrue(report.isClean(), report.summary());
        assertTrue(all.stream().noneMatch(Os::isAlive), "alive after stop: " + Os.describe(all));
        assertTrue(Os.carrying("TETHER_FIXTURE", tree.cookie()).isEmpty());
        assertEquals(8, report.ended().size(), report.summary());
        assertTrue(report.ended().stream().allMatch(o -> o.endedBy() == Signal.TERM), report.summary());
    }

    /**
     * A launcher that forks non-stop (a shell loop starting long-lived children): one forked between the stop's
     * read of the tree and its TERM is in no read, and on a backend without a subreaper it is pid 1's once the
     * launcher dies. Nothing of the launcher's group may outlive the stop (seen on the portable backend: such a
     * child was named "could not be attributed" and left; and once on linux without cgroups, where the subreaper
     * adopted it after the stop had judged its adoptees). Five stops, as the fork has to fall in that instant.
     */
    @Test
    void aLauncherForkingAsItsTermComesLeavesNothingInItsGroup() {
        for (int round = 0; round < 5; round++) {
            SpawnedTree tree = SUPERVISOR
                    .get()
                    .spawn(new TreeSpec(
                            "forking-" + round,
                            List.of("/bin/sh", "-c", "while :; do sleep 300 & sleep 0.002; done"),
                            dir,
                            Map.of(),
                            dir.resolve("forking.log"),
                            StopPolicy.DEFAULT));
            Os.await("the loop to fork", SETTLE, () -> tree.members().size() > 3);
            int group = tree.pid();
            try {
                StopReport report = tree.stop();

                List<ProcessInfo> left = inGroup(group);
                assertTrue(left.isEmpty(), "left in the launcher's group: " + left + " after " + report.summary());
            } finally {
                inGroup(group).forEach(p -> ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly));
            }
        }
    }

    private static List<ProcessInfo> inGroup(int group) {
        return Os.snapshot().all().stream()
                .filter(p -> p.pgid() == group && !p.isDead())
                .toList();
    }

    @Test
    void childThatCalledSetsidIsReaped() {
        Path pids = dir.resolve("pids");
        SpawnedTree tree = SUPERVISOR.get().spawn(Scripts.spec("setsid", dir, "setsid-child.sh", pids.toString()));
        List<ProcessId> all = Os.awaitPids(pids, 2, SETTLE);
        int escapee = all.get(1).pid();
        assertTrue(Os.PROC.process(escapee).orElseThrow().sid() == escapee, "the child should lead its own session");

        StopReport report = tree.stop();

        assertTrue(report.isClean(), report.summary());
        assertTrue(all.stream().noneMatch(Os::isAlive), "alive after stop: " + Os.describe(all));
    }

    @Test
    void doubleForkedDaemonWithClearedEnvironmentIsReaped() {
        Path pids = dir.resolve("pids");
        SpawnedTree tree = SUPERVISOR.get().spawn(Scripts.spec("daemon", dir, "scrubbed-daemon.sh", pids.toString()));
        ProcessId daemon = Os.awaitPids(pids, 1, SETTLE).get(0);
        Os.await("the launcher to exit", SETTLE, () -> !tree.isLeaderAlive());
        assertTrue(Os.PROC.environmentVariable(daemon.pid(), "TETHER_FIXTURE").isEmpty(), "daemon kept the cookie");
        assertTrue(Os.isAlive(daemon), "the daemon outlives its launcher");

        StopReport report = tree.stop();

        assertTrue(report.isClean(), report.summary());
        assertTrue(!Os.isAlive(daemon), "daemon alive after stop: " + Os.describe(List.of(daemon)));
        assertTrue(report.ended().stream().anyMatch(o -> o.pid() == daemon.pid()), report.summary());
    }

    @Test
    void withoutCgroupsTheAdoptedDaemonIsStillAttributedAndReaped(@TempDir Path ledgers) {
        try (ProcessSupervisor plain = ProcessSupervisor.launch(ledgers, false)) {
            assertEquals("", plain.hello().cgroup(), "this supervisor must not use cgroups");
            Path pids = dir.resolve("pids");
            SpawnedTree tree = plain.spawn(Scripts.spec("daemon", dir, "scrubbed-daemon.sh", pids.toString()));
            ProcessId daemon = Os.awaitPids(pids, 1, SETTLE).get(0);
            Os.await("the launcher to exit", SETTLE, () -> !tree.isLeaderAlive());

            StopReport report = tree.stop();

            assertTrue(report.isClean(), report.summary());
            assertTrue(!Os.isAlive(daemon), "daemon alive after stop: " + Os.describe(List.of(daemon)));
            assertTrue(report.ended().stream().anyMatch(o -> o.pid() == daemon.pid()), report.summary());
        }
    }

    @Test
    void killingRightAfterSpawnNeverHitsTheSupervisor() {
        // KILL first, at once, on real processes: cgroup.kill may come while the supervisor still sits in the new
        // cgroup. The background move usually wins that race; CgroupsTest checks the guard deterministically.
        StopPolicy killNow = StopPolicy.parse("KILL 5s");
        for (int i = 0; i < 20; i++) {
            SpawnedTree tree = SUPERVISOR
                    .get()
                    .spawn(TreeSpec.of("quick-" + i, List.of("sleep", "300"), dir, dir.resolve("quick.log"))
                            .withStopPolicy(killNow));
            StopReport report = tree.stop();
            assertTrue(report.isClean(), report.summary());
            assertTrue(!Os.isAlive(tree.leader()));
        }
        assertTrue(SUPERVISOR.get().isAlive(), "the supervisor must never be inside the cgroup it kills");
    }

    @Test
    void processThatIgnoresTermIsKilledAfterTheGrace() {
        Path pids = dir.resolve("pids");
        StopPolicy shortGrace = StopPolicy.parse("TERM 300ms, KILL 5s");
        SpawnedTree tree = SUPERVISOR
                .get()
                .spawn(Scripts.spec("stubborn", dir, "ignores-term.sh", pids.toString())
                        .withStopPolicy(shortGrace));
        List<ProcessId> all = Os.awaitPids(pids, 2, SETTLE);

        assertBothEndedBy(Signal.KILL, 2, tree.stop(), all);
    }

    /** The stop was clean, and both processes of {@code all} ended by {@code signal}, at step {@code step}. */
    private static void assertBothEndedBy(Signal signal, int step, StopReport report, List<ProcessId> all) {
        assertTrue(report.isClean(), report.summary());
        assertTrue(all.stream().noneMatch(Os::isAlive), "alive after stop: " + Os.describe(all));
        assertEquals(2, report.ended().size(), report.summary());
        for (ProcessOutcome outcome : report.ended()) {
            assertEquals(signal, outcome.endedBy(), report.summary());
            assertEquals(step, outcome.step(), report.summary());
        }
    }

    /**
     * A stopped process keeps a TERM pending until it is continued: without the SIGCONT that follows the TERM it
     * would sit out the whole grace and die by KILL, never running its shutdown.
     */
    @Test
    void stoppedChildIsContinuedAndEndsByTerm() {
        Path pids = dir.resolve("pids");
        SpawnedTree tree = SUPERVISOR
                .get()
                .spawn(Scripts.spec("frozen", dir, "stopped-child.sh", pids.toString())
                        .withStopPolicy(StopPolicy.parse("TERM 60s, KILL 5s")));
        List<ProcessId> all = Os.awaitPids(pids, 2, SETTLE);
        ProcessId child = all.get(1);
        Os.await(
                "the child stopped (state T)",
                SETTLE,
                () -> Os.PROC
                        .process(child.pid())
                        .filter(p ->
                                p.state() == 'T') // the pid alone: /proc's start time is not the portable backend's
                        .isPresent());

        assertBothEndedBy(Signal.TERM, 1, tree.stop(), all);
    }

    @Test
    void processThatTrapsTermRunsItsHandlerBeforeExiting() {
        Path pids = dir.resolve("pids");
        Path evidence = dir.resolve("handler-ran");
        SpawnedTree tree = SUPERVISOR
                .get()
                .spawn(Scripts.spec("polite", dir, "traps-term.sh", pids.toString(), evidence.toString()));
        ProcessId leader = Os.awaitPids(pids, 1, SETTLE).get(0);

        StopReport report = tree.stop();

        assertTrue(report.isClean(), report.summary());
        assertTrue(!Os.isAlive(leader));
        assertTrue(Files.exists(evidence), "the TERM handler did not run: no " + evidence);
        ProcessOutcome leaderOutcome = report.ended().stream()
                .filter(o -> o.pid() == leader.pid())
                .findFirst()
                .orElseThrow(() -> new AssertionError(report.summary()));
        assertEquals(Signal.TERM, leaderOutcome.endedBy());
        assertEquals("exit 0", leaderOutcome.exit(), "the handler exits 0");
    }

    /**
     * When every tree stops at once (the owner died, or shut its supervisor down), the first signal goes to the
     * members found at once (in the tree's cgroup, or known from the last look) before the trees are worked out;
     * the stop that follows must not send it twice, since a second SIGINT tells some programs to skip their
     * graceful shutdown.
     */
    @Test
    void shutdownSendsEachMemberTheFirstSignalOnceThenKills(@TempDir Path ledgers) {
        Path pids = dir.resolve("pids");
        Path evidence = dir.resolve("terms");
        ProcessId leader;
        try (ProcessSupervisor own = ProcessSupervisor.launch(ledgers)) {
            own.spawn(Scripts.spec("counts-term", dir, "counts-term.sh", pids.toString(), evidence.toString())
                    .withStopPolicy(StopPolicy.parse("TERM 1s, KILL 5s")));
            leader = Os.awaitPids(pids, 1, SETTLE).get(0);
        } // close() returns once the supervisor stopped every tree

        Os.awaitAllDead(List.of(leader), SETTLE);
        assertEquals(List.of("TERM"), Os.readLines(evidence), "the TERMs the leader's handler saw");
    }

    /**
     * A stop's TERM reaches a member in the tree's process group and one that left the group by setsid(): each is
     * sent it once, and KILL ends both when they ignore it.
     */
    @Test
    void stopSendsTermToTheTreesGroupAndToAMemberThatLeftIt() {
        Path pids = dir.resolve("pids");
        Path inGroup = dir.resolve("terms-in-group");
        Path escaped = dir.resolve("terms-escaped");
        String launcher = "setsid /bin/sh \"$0\" \"$1\" \"$3\" & exec /bin/sh \"$0\" \"$1\" \"$2\"";
        SpawnedTree tree = SUPERVISOR
                .get()
                .spawn(TreeSpec.of(
                                "terms",
                                List.of(
                                        "/bin/sh",
                                        "-c",
                                        launcher,
                                        Scripts.path("counts-term.sh").toString(),
                                        pids.toString(),
                                        inGroup.toString(),
                                        escaped.toString()),
                                dir,
                                dir.resolve("terms.log"))
                        .withStopPolicy(StopPolicy.parse("TERM 1s, KILL 5s")));
        List<ProcessId> counters = Os.awaitPids(pids, 2, SETTLE);

        StopReport report = tree.stop();

        Os.awaitAllDead(counters, SETTLE);
        assertTrue(report.isClean(), report.summary());
        assertEquals(List.of("TERM"), Os.readLines(inGroup), "the TERMs the group's counter saw");
        assertEquals(List.of("TERM"), Os.readLines(escaped), "the TERMs the counter outside the group saw");
    }

    @Test
    void leaderExitIsReportedWithItsCode() throws Exception {
        java.util.concurrent.CompletableFuture<dev.tether.killer.client.ExitEvent> exited =
                new java.util.concurrent.CompletableFuture<>();
        SUPERVISOR.get().onExit(e -> {
            if (e.id().equals("exits-3")) {
                exited.complete(e);
            }
        });
        SpawnedTree tree = SUPERVISOR
                .get()
                .spawn(dev.tether.killer.client.TreeSpec.of(
                        "exits-3", List.of("sh", "-c", "exit 3"), dir, dir.resolve("exits.log")));

        assertEquals(3, exited.get(10, java.util.concurrent.TimeUnit.SECONDS).exitCode());
        assertTrue(tree.stop().isClean());
    }
}
