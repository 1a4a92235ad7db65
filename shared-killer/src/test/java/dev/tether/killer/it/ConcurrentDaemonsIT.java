package dev.tether.killer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.client.SpawnedTree;
import dev.tether.killer.client.TreeSpec;
import dev.tether.killer.config.FixtureSpec;
import dev.tether.killer.config.Probe;
import dev.tether.killer.config.Readiness;
import dev.tether.killer.fixture.FixtureGroup;
import dev.tether.killer.fixture.GroupOptions;
import dev.tether.killer.fixture.GroupStopReport;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.stop.StopPolicy;
import dev.tether.killer.stop.StopReport;
import dev.tether.killer.testing.Os;
import dev.tether.killer.testing.OtherBuildMain;
import dev.tether.killer.testing.Scripts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two fixtures that daemonize at the same moment: both daemons re-parent to the supervisor with no group and
 * no cookie in common with their launchers. Stopping A must end A's daemon and leave B's untouched.
 */
@EnabledOnOs(OS.LINUX)
class ConcurrentDaemonsIT {
    private static final Duration SETTLE = Duration.ofSeconds(10);
    /**
     * A thread for each task that blocks (a start waiting to be ready, a spawn waiting for the launch lock): on two
     * cores JDK 25 ran such tasks in the common pool one after another (a spawn queued behind the start it was to
     * run beside timed out), and these tests need several at once.
     */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "concurrent-daemons-it");
        thread.setDaemon(true);
        return thread;
    });

    @Test
    void stoppingOneDaemonizingFixtureLeavesItsTwinAlive(@TempDir Path dir, @TempDir Path ledgers) throws Exception {
        try (ProcessSupervisor supervisor = ProcessSupervisor.launch(ledgers)) {
            // Without cgroups, two orphans adopted in the same instant cannot be told apart (by design: they
            // are still killed when the supervisor ends). The machines this project runs on have them.
            assumeTrue(!supervisor.hello().cgroup().isEmpty(), "needs a writable cgroup v2 hierarchy");
            Twins twins = Twins.start(supervisor, dir);
            SpawnedTree treeA = twins.treeA();
            SpawnedTree treeB = twins.treeB();
            ProcessId daemonA = twins.daemonA();
            ProcessId daemonB = twins.daemonB();

            StopReport report = treeA.stop();

            assertTrue(report.isClean(), report.summary());
            assertTrue(!Os.isAlive(daemonA), "A's daemon survived: " + Os.describe(List.of(daemonA)));
            assertTrue(Os.isAlive(daemonB), "B's daemon was killed by stopping A: " + report.summary());
            assertTrue(report.ended().stream().noneMatch(o -> o.pid() == daemonB.pid()), report.summary());

            assertTrue(treeB.stop().isClean());
            assertTrue(!Os.isAlive(daemonB));
        }
    }

    /**
     * Without cgroups, two orphans adopted while both fixtures ran cannot be told apart. The rule then is: never
     * kill the wrong one. Stopping A leaves B's daemon alone and names what it could not attribute; stopping B,
     * the last fixture that could have made either, ends both.
     */
    @Test
    void withoutCgroupsAnAmbiguousDaemonIsNamedAndEndedWithItsLastCandidate(@TempDir Path dir, @TempDir Path ledgers)
            throws Exception {
        assumeTrue(
                Os.ENGINE_READS_PROC,
                "the subreaper adopts both orphans: linux backend only (PortableBackendIT covers the portable one)");
        try (ProcessSupervisor supervisor = ProcessSupervisor.launch(ledgers, false)) {
            Twins twins = Twins.start(supervisor, dir);
            SpawnedTree treeA = twins.treeA();
            SpawnedTree treeB = twins.treeB();
            ProcessId daemonA = twins.daemonA();
            ProcessId daemonB = twins.daemonB();

            StopReport reportA = treeA.stop();

            assertTrue(Os.isAlive(daemonB), "B's daemon was killed by stopping A: " + reportA.summary());
            if (Os.isAlive(daemonA)) {
                boolean named = supervisor.notices().stream()
                        .anyMatch(n -> n.contains("could not be attributed") && n.contains(" " + daemonA.pid() + " "));
                // The documented limit without cgroups: when A's short-lived middle parent exited before any
                // snapshot saw it, only B was seen losing a process, and A's daemon counts as B's. It then ends
                // with B's stop (checked below), never before it and never with nobody.
                boolean countedAsB = treeB.members().stream().anyMatch(p -> p.pid() == daemonA.pid());
                assertTrue(
                        named || countedAsB,
                        "A's daemon lives on, neither named nor counted as B's: " + supervisor.notices());
            }

            treeB.stop();
            Os.awaitAllDead(List.of(daemonA, daemonB), SETTLE);
        }
    }

    /**
     * Found by CI without cgroups: the look that A's launcher exit brings saw B's daemon adopted while B's launcher
     * had not exited yet, so only A had lost a process since the daemon started, and A's stop killed B's daemon.
     * Here B's launcher exits 60 ms after A's, widening that instant into a window: whatever the looks saw, A's
     * stop must leave B's daemon alone.
     */
    @Test
    void withoutCgroupsATwinWhoseLauncherExitsLaterKeepsItsDaemon(@TempDir Path dir, @TempDir Path ledgers)
            throws Exception {
        assumeTrue(Os.ENGINE_READS_PROC, "adoption by the subreaper: linux backend only");
        try (ProcessSupervisor supervisor = ProcessSupervisor.launch(ledgers, false)) {
            Twins twins = Twins.startWithLaterB(supervisor, dir);

            StopReport reportA = twins.treeA().stop();

            assertTrue(Os.isAlive(twins.daemonB()), "B's daemon was killed by stopping A: " + reportA.summary());
            twins.treeB().stop();
            Os.awaitAllDead(List.of(twins.daemonA(), twins.daemonB()), SETTLE);
        }
    }

    /**
     * The common case where there are no cgroups (an unprivileged user): a daemonizing fixture starts beside a
     * server that keeps running. Only the daemon's fixture lost a process (its launcher) after the daemon started,
     * so the daemon is that fixture's: found as its member, untouched by the other's stop, ended by its own.
     */
    @Test
    void withoutCgroupsADaemonStartedBesideARunningServerIsItsOwnFixtures(@TempDir Path dir, @TempDir Path ledgers)
            throws Exception {
        assumeTrue(Os.ENGINE_READS_PROC, "adoption by the subreaper: linux backend only");
        try (ProcessSupervisor supervisor = ProcessSupervisor.launch(ledgers, false)) {
            CompletableFuture<SpawnedTree> startServer =
                    CompletableFuture.supplyAsync(() -> supervisor.spawn(Scripts.spec(
                            "server",
                            dir,
                            "wrapper-chain.sh",
                            dir.resolve("server").toString())));
            SpawnedTree daemon = supervisor.spawn(Scripts.spec(
                    "daemon", dir, "scrubbed-daemon.sh", dir.resolve("pids").toString()));
            assertTheDaemonIsItsOwnFixtures(supervisor, daemon, startServer.join(), dir);
        }
    }

    /**
     * The daemon the scrubbed-daemon script recorded in {@code dir/pids} is a member of {@code daemon}'s tree,
     * survives the stop of {@code other}, and ends with its own fixture's stop.
     */
    private static void assertTheDaemonIsItsOwnFixtures(
            ProcessSupervisor supervisor, SpawnedTree daemon, SpawnedTree other, Path dir) {
        ProcessId daemonProcess = Os.awaitPids(dir.resolve("pids"), 1, SETTLE).get(0);
        Os.await("the launcher to exit", SETTLE, () -> !daemon.isLeaderAlive());

        assertTrue(
                daemon.members().stream().anyMatch(p -> p.id().equals(daemonProcess)),
                "the daemon " + daemonProcess + " is not its fixture's member: " + daemon.members() + "; notices "
                        + supervisor.notices());
        StopReport otherStop = other.stop();
        assertTrue(Os.isAlive(daemonProcess), "the other fixture's stop killed the daemon: " + otherStop.summary());
        StopReport daemonStop = daemon.stop();
        assertTrue(daemonStop.ended().stream().anyMatch(o -> o.pid() == daemonProcess.pid()), daemonStop.summary());
        assertTrue(!Os.isAlive(daemonProcess));
    }

    /** A server that keeps running: its launcher execs into it. */
    private static SpawnedTree sleepingServer(ProcessSupervisor supervisor, Path dir) {
        return supervisor.spawn(Scripts.sleepingServer(dir));
    }

    /** A server that keeps running, and whose start lasts until it is told it is over (see spawnStarting). */
    private static SpawnedTree startingServer(ProcessSupervisor supervisor, Path dir) {
        return supervisor.spawnStarting(Scripts.sleepingServer(dir));
    }

    /** A fixture whose command is {@code script} run by /bin/sh in {@code dir}, logging to {@code dir/key.log}. */
    private static SpawnedTree shellFixture(ProcessSupervisor supervisor, Path dir, String key, String script) {
        return shellFixture(supervisor, dir, key, script, StopPolicy.DEFAULT);
    }

    private static SpawnedTree shellFixture(
            ProcessSupervisor supervisor, Path dir, String key, String script, StopPolicy policy) {
        return supervisor.spawn(
                new TreeSpec(key, List.of("/bin/sh", "-c", script), dir, Map.of(), dir.resolve(key + ".log"), policy));
    }

    /**
     * Two builds of one user on the portable backend: two supervisors sharing {@code ledgers}. Daemons the body
     * adds to its list and that outlive it (a failed test, the documented limit) are ended: this test started them.
     */
    private static void onThePortableBackendWithTwoBuilds(Path ledgers, TwoBuilds body) throws Exception {
        assumeTrue(!Os.ENGINE_READS_PROC, "the portable backend's rule (run with TETHER_BACKEND=portable)");
        List<ProcessId> daemons = new ArrayList<>();
        try (ProcessSupervisor first = ProcessSupervisor.launch(ledgers, false);
                ProcessSupervisor second = ProcessSupervisor.launch(ledgers, false)) {
            body.run(first, second, daemons);
        } finally {
            endLeftRunning(daemons);
        }
    }

    @FunctionalInterface
    private interface TwoBuilds {
        void run(ProcessSupervisor first, ProcessSupervisor second, List<ProcessId> daemons) throws Exception;
    }

    /** Daemons a failed test or the documented limit left running: this test started them, so it ends them. */
    private static void endLeftRunning(List<ProcessId> daemons) {
        daemons.stream()
                .filter(Os::isAlive)
                .forEach(d -> ProcessHandle.of(d.pid()).ifPresent(ProcessHandle::destroyForcibly));
    }

    /**
     * Without cgroups, beside a fixture that forks and loses short-lived helpers all through its start (a pyenv or
     * npm shim does): both fixtures lose processes after the daemon starts, but only the daemon's lost its
     * launcher, so the daemon is its fixture's. Seen in CI: the daemon stayed unclaimed and its fixture's start
     * failed with "nothing of its tree is left running".
     */
    @Test
    void withoutCgroupsADaemonStartedBesideAShimLosingHelpersIsItsOwnFixtures(@TempDir Path dir, @TempDir Path ledgers)
            throws Exception {
        assumeTrue(Os.ENGINE_READS_PROC, "adoption by the subreaper: linux backend only");
        try (ProcessSupervisor supervisor = ProcessSupervisor.launch(ledgers, false)) {
            SpawnedTree shim = shellFixture(
                    supervisor,
                    dir,
                    "shim",
                    "i=0; while [ $i -lt 150 ]; do sleep 0.02; i=$((i+1)); done; exec sleep 300");
            Os.await(
                    "the shim to fork its helpers", SETTLE, () -> shim.members().size() > 1);
            SpawnedTree daemon = supervisor.spawn(Scripts.spec(
                    "daemon", dir, "scrubbed-daemon.sh", dir.resolve("pids").toString()));
            assertTheDaemonIsItsOwnFixtures(supervisor, daemon, shim, dir);
        }
    }

    /**
     * The portable backend (no subreaper, no readable environments) sees each daemon only as an orphan of pid 1.
     * One that started while only its own fixture's launcher lived is that fixture's; two launchers living at
     * once make both orphans ambiguous between two fixtures of this build. The rule is the same as without
     * cgroups: never kill the wrong one, and never leave one behind. Stopping A leaves B's daemon alone; A's
     * either ended with A or is named as waiting for the last of them; stopping B ends both.
     */
    @Test
    void onThePortableBackendTwinDaemonsEndWithTheirOwnFixtureOrWithTheLastOfThem(
            @TempDir Path dir, @TempDir Path ledgers) throws Exception {
        assumeTrue(!Os.ENGINE_READS_PROC, "the portable backend's rule (run with TETHER_BACKEND=portable)");
        try (ProcessSupervisor supervisor = ProcessSupervisor.launch(ledgers, false)) {
            Twins twins = Twins.start(supervisor, dir);

            StopReport reportA = twins.treeA().stop();
            assertTrue(Os.isAlive(twins.daemonB()), "B's daemon was killed by stopping A: " + reportA.summary());
            if (Os.isAlive(twins.daemonA())) {
                String waiting = " " + twins.daemonA().pid() + " ";
                boolean named = supervisor.notices().stream()
                        .anyMatch(n -> n.contains("could not be attributed to one fixture") && n.contains(waiting));
                // When A was launched before B and B's launcher exited first, B's life alone held A's daemon's
                // start, and A (launched before that stretch) is no rival: the daemon counts as B's, ended with B.
                boolean countedAsB = twins.treeB().members().stream()
                        .anyMatch(p -> p.pid() == twins.daemonA().pid());
                assertTrue(
                        named || countedAsB,
                        "A's daemon lives on, neither named as waiting for B nor B's: " + supervisor.notices());
            }
            twins.treeB().stop();

            Os.awaitAllDead(List.of(twins.daemonA(), twins.daemonB()), SETTLE);
        }
    }

    /**
     * Seen in CI on the portable backend: a test fork was SIGKILLed while its class fixture daemonized beside
     * another class's server, launched in the same stretch. Either fixture could have made the daemon, so it was
     * named and left running. It is this build's either way: the server's stop leaves it to the daemon's fixture,
     * and the owner's end (here the supervisor's close, which the owner's death also brings) ends it. On the linux
     * backend the subreaper's evidence decides the same.
     */
    @Test
    void aDaemonForkedBesideAServerLaunchedInTheSameStretchEndsWithTheOwner(@TempDir Path dir, @TempDir Path ledgers)
            throws Exception {
        List<ProcessId> daemon = new ArrayList<>();
        try (ProcessSupervisor supervisor = ProcessSupervisor.launch(ledgers, false)) {
            SpawnedTree daemonizer = shellFixture(
                    supervisor,
                    dir,
                    "daemonizer",
                    "sleep 0.2; setsid /bin/sh -c 'echo $$ >> pids; exec sleep 300' </dev/null >/dev/null 2>&1 & exit 0");
            SpawnedTree server = sleepingServer(supervisor, dir);
            daemon.addAll(Os.awaitPids(dir.resolve("pids"), 1, SETTLE));
            Os.await("the daemonizer's launcher to exit", SETTLE, () -> !daemonizer.isLeaderAlive());

            StopReport serverStop = server.stop();

            assertTrue(
                    Os.isAlive(daemon.get(0)),
                    "the server's stop killed the other fixture's daemon: " + serverStop.summary());
        }
        try {
            Os.awaitAllDead(daemon, SETTLE);
        } finally {
            endLeftRunning(daemon);
        }
    }

    /**
     * The same with each twin launched by a build of its own (two supervisors, as two test forks or two Maven
     * builds of one user): neither sees the other's launcher, only its ledger, and must still never take the
     * other's daemon.
     */
    @Test
    void onThePortableBackendTwinDaemonsOfTwoBuildsAreNeverKilledByTheOtherBuild(
            @TempDir Path dir, @TempDir Path ledgers) throws Exception {
        onThePortableBackendWithTwoBuilds(ledgers, (first, second, daemons) -> {
            Twins twins = Twins.startOverlapping(first, second, dir);
            daemons.addAll(List.of(twins.daemonA(), twins.daemonB()));

            StopReport reportA = twins.treeA().stop();
            assertTrue(Os.isAlive(twins.daemonB()), "B's daemon was killed by the other build: " + reportA.summary());
            StopReport reportB = twins.treeB().stop();
            assertTrue(
                    reportB.ended().stream()
                            .noneMatch(o -> o.pid() == twins.daemonA().pid()),
                    "A's daemon was taken by the other build: " + reportB.summary());

            List<String> notices = new ArrayList<>(first.notices());
            notices.addAll(second.notices());
            for (ProcessId daemon : daemons) {
                boolean named = notices.stream()
                        .anyMatch(n -> n.contains("could not be attributed") && n.contains(" " + daemon.pid() + " "));
                assertTrue(
                        !Os.isAlive(daemon) || named,
                        "daemon " + Os.describe(List.of(daemon)) + " neither ended nor named: " + notices);
            }
        });
    }

    /**
     * Another build judges the orphans of pid 1 by the launches its ledgers name, so a launch is named before its
     * launcher runs: the launcher reads the ledgers first thing and finds itself. Seen without it: a supervisor slow
     * to write the fixture line after the fork, and the other build took a daemon made meanwhile for its own.
     */
    @Test
    void onThePortableBackendTheLedgerNamesALaunchBeforeItsLauncherRuns(@TempDir Path dir, @TempDir Path ledgers)
            throws Exception {
        assumeTrue(!Os.ENGINE_READS_PROC, "the portable backend's rule (run with TETHER_BACKEND=portable)");
        try (ProcessSupervisor supervisor = ProcessSupervisor.launch(ledgers, false)) {
            SpawnedTree early = shellFixture(supervisor, dir, "early", "cat " + ledgers + "/*.ledger > seen");
            assertEquals(
                    0, early.exit().get(SETTLE.toSeconds(), TimeUnit.SECONDS).exitCode());

            String seen = Files.readString(dir.resolve("seen"));
            assertTrue(
                    seen.contains("\nlaunching early ") || seen.contains("\nfixture early "),
                    "the launcher ran before its ledger named it:\n" + seen);
            assertTrue(early.stop().isClean());
        }
    }

    /**
     * Another build's server that keeps running (its launcher alive) and was found ready is no rival: a daemonizing
     * fixture launched after it by this build is attributed to its own fixture, ended by its stop, and the other
     * build's server is untouched.
     */
    @Test
    void onThePortableBackendAnotherBuildsReadyServerIsNoRival(@TempDir Path dir, @TempDir Path ledgers)
            throws Exception {
        onThePortableBackendWithTwoBuilds(ledgers, (first, second, daemons) -> {
            SpawnedTree server = startingServer(first, dir);
            server.finishedStarting();

            CompletableFuture<FixtureGroup> started = startingAlone(scrubbedDaemonizer(dir), second, dir);
            assertTheDaemonIsItsFixturesNotTheServers(started, server, second, dir, daemons);
        });
    }

    /**
     * Another build's server still starting may fork daemons of its own, which this build could not tell from its
     * daemonizing fixture's: that fixture launches only once the other start is over (found ready), and its daemon
     * is then its own. Before, a server launched just before the daemonizing one counted as no rival, and two builds
     * killed each other's twin daemons now and then (seen once in 24 runs).
     */
    @Test
    void onThePortableBackendADaemonizingStartWaitsUntilAnotherBuildsStartIsOver(
            @TempDir Path dir, @TempDir Path ledgers) throws Exception {
        onThePortableBackendWithTwoBuilds(ledgers, (first, second, daemons) -> {
            SpawnedTree server = startingServer(first, dir);
            CompletableFuture<FixtureGroup> started = startingAlone(scrubbedDaemonizer(dir), second, dir);
            assertThrows(
                    TimeoutException.class,
                    () -> started.get(1, TimeUnit.SECONDS),
                    "the daemonizing fixture started while the other build's server was still starting");
            assertTrue(!Files.exists(dir.resolve("pids")), "the daemonizer was launched before the server was ready");

            server.finishedStarting();
            assertTheDaemonIsItsFixturesNotTheServers(started, server, second, dir, daemons);
        });
    }

    /**
     * Another build launching while a daemonizing fixture starts (two Surefire forks, two builds of one user): on
     * the portable backend its spawn waits until that start is over (the user-wide launch lock), so it is no rival
     * of the daemon, which is its own fixture's and ends with it. Without the lock the other build's server,
     * launched in the stretch before the daemon, makes it ambiguous, and it is left running (seen in CI).
     */
    @Test
    void onThePortableBackendAnotherBuildsLaunchWaitsForADaemonizingStart(@TempDir Path dir, @TempDir Path ledgers)
            throws Exception {
        onThePortableBackendWithTwoBuilds(ledgers, (first, second, daemons) -> {
            CompletableFuture<FixtureGroup> started = startingAlone(daemonizerWaitingToGo(dir), first, dir);
            Os.await("the launcher to run", SETTLE, () -> Files.exists(dir.resolve("launched")));
            CompletableFuture<SpawnedTree> otherBuild =
                    CompletableFuture.supplyAsync(() -> sleepingServer(second, dir), THREADS);
            try {
                otherBuild.get(1, TimeUnit.SECONDS); // spawned at once without the lock: in the daemon's stretch
            } catch (TimeoutException waitsForTheDaemonizingStart) {
                // the lock holds it until the daemonizing start is over
            }
            Files.createFile(dir.resolve("go"));
            try (FixtureGroup group = started.get(SETTLE.toSeconds(), TimeUnit.SECONDS)) {
                ProcessId daemon = Os.awaitPids(dir.resolve("pids"), 1, SETTLE).get(0);
                daemons.add(daemon);
                SpawnedTree server = otherBuild.get(SETTLE.toSeconds(), TimeUnit.SECONDS);
                assertTheDaemonEndsWithItsFixtureNotTheServer(group, daemon, server.leader(), first);
            }
        });
    }

    /**
     * A daemonizing fixture found ready while its launcher still runs (a log probe saw its last line): its daemon
     * may be pid 1's and not yet judged, so another build's launch waits until the launcher exits. Seen on a loaded
     * machine: the lock was let go at ready, the other build's launch named a floor of its start time below the
     * daemon's, and the daemon, ambiguous, was left running.
     */
    @Test
    void onThePortableBackendAnotherBuildsLaunchWaitsForTheLauncherOfAReadyDaemonizingFixture(
            @TempDir Path dir, @TempDir Path ledgers) throws Exception {
        onThePortableBackendWithTwoBuilds(ledgers, (first, second, daemons) -> {
            String script = "/bin/sh " + Scripts.path("scrubbed-daemon.sh") + " " + dir.resolve("pids")
                    + "; while [ ! -e exit ]; do sleep 0.01; done";
            FixtureSpec readyBeforeItsLauncherExits = FixtureSpec.of("daemon", List.of("/bin/sh", "-c", script))
                    .withWorkingDirectory(dir)
                    .withDaemonizes(true)
                    .withReadiness(Readiness.allOf(SETTLE, new Probe.Log("launcher done", 1)));
            try (FixtureGroup group =
                    startingAlone(readyBeforeItsLauncherExits, first, dir).get(SETTLE.toSeconds(), TimeUnit.SECONDS)) {
                ProcessId daemon = Os.awaitPids(dir.resolve("pids"), 1, SETTLE).get(0);
                daemons.add(daemon);
                CompletableFuture<SpawnedTree> otherBuild =
                        CompletableFuture.supplyAsync(() -> sleepingServer(second, dir), THREADS);
                Os.await(
                        "the other build to say it waits for the launcher",
                        SETTLE,
                        () -> second.notices().stream().anyMatch(notice -> notice.startsWith("Waiting to launch")));
                assertTrue(!otherBuild.isDone(), "the other build launched while the daemon's launcher ran");

                Files.createFile(dir.resolve("exit"));
                SpawnedTree server = otherBuild.get(SETTLE.toSeconds(), TimeUnit.SECONDS);
                assertTheDaemonEndsWithItsFixtureNotTheServer(group, daemon, server.leader(), first);
            }
        });
    }

    /**
     * The same with the other build in a JVM of its own, as two Surefire forks are (the case seen in CI): the lock
     * holds between processes, not only between the supervisors of one JVM.
     */
    @Test
    void onThePortableBackendAnotherJvmsLaunchWaitsForADaemonizingStart(@TempDir Path dir, @TempDir Path ledgers)
            throws Exception {
        assumeTrue(!Os.ENGINE_READS_PROC, "the portable backend's rule (run with TETHER_BACKEND=portable)");
        List<ProcessId> daemons = new ArrayList<>();
        try (ProcessSupervisor first = ProcessSupervisor.launch(ledgers, false)) {
            CompletableFuture<FixtureGroup> started = startingAlone(daemonizerWaitingToGo(dir), first, dir);
            Os.await("the launcher to run", SETTLE, () -> Files.exists(dir.resolve("launched")));
            Process otherBuild = otherBuildJvm(Files.createDirectory(dir.resolve("other")), ledgers);
            try {
                BufferedReader says =
                        new BufferedReader(new InputStreamReader(otherBuild.getInputStream(), StandardCharsets.UTF_8));
                assertEquals("LAUNCHING", says.readLine(), "the other build's JVM: see other.err");
                CompletableFuture<String> spawned = CompletableFuture.supplyAsync(() -> lineOf(says), THREADS);
                try {
                    spawned.get(1, TimeUnit.SECONDS); // at once without the lock: in the daemon's stretch
                } catch (TimeoutException waitsForTheDaemonizingStart) {
                    // the lock holds it until the daemonizing launcher is done
                }
                Files.createFile(dir.resolve("go"));
                try (FixtureGroup group = started.get(SETTLE.toSeconds(), TimeUnit.SECONDS)) {
                    ProcessId daemon =
                            Os.awaitPids(dir.resolve("pids"), 1, SETTLE).get(0);
                    daemons.add(daemon);
                    String server = spawned.get(SETTLE.toSeconds(), TimeUnit.SECONDS);
                    assertTrue(server != null && server.startsWith("SPAWNED "), "the other build said " + server);
                    assertTheDaemonEndsWithItsFixtureNotTheServer(
                            group, daemon, Os.idOf(Integer.parseInt(server.substring(8))), first);
                }
            } finally {
                otherBuild.getOutputStream().close(); // its supervisor stops its server
                if (!otherBuild.waitFor(SETTLE.toSeconds(), TimeUnit.SECONDS)) {
                    otherBuild.destroyForcibly().waitFor();
                }
            }
        } finally {
            endLeftRunning(daemons);
        }
    }

    private static Process otherBuildJvm(Path dir, Path ledgers) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        OtherBuildMain.class.getName(),
                        dir.toString(),
                        ledgers.toString())
                .redirectError(dir.resolve("other.err").toFile());
        builder.environment().put(Os.TEST_MARKER, "other-build");
        return builder.start();
    }

    private static String lineOf(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The lock ends with the daemonizing launcher's stretch, not with the readiness: another build's launch goes
     * ahead while the daemonizing fixture still waits to be ready, and the daemon is still its own fixture's.
     */
    @Test
    void onThePortableBackendAnotherBuildWaitsForTheDaemonizingLauncherNotForTheReadiness(
            @TempDir Path dir, @TempDir Path ledgers) throws Exception {
        onThePortableBackendWithTwoBuilds(ledgers, (first, second, daemons) -> {
            Path ready = dir.resolve("ready");
            FixtureSpec daemonizing = FixtureSpec.of(
                            "daemon",
                            List.of(
                                    "/bin/sh",
                                    Scripts.path("scrubbed-daemon.sh").toString(),
                                    dir.resolve("pids").toString()))
                    .withWorkingDirectory(dir)
                    .withDaemonizes(true)
                    .withReadiness(Readiness.allOf(SETTLE, new Probe.FileExists(ready.toString())));
            CompletableFuture<FixtureGroup> started = startingAlone(daemonizing, first, dir);
            ProcessId daemon = Os.awaitPids(dir.resolve("pids"), 1, SETTLE).get(0);
            daemons.add(daemon);

            SpawnedTree server = CompletableFuture.supplyAsync(() -> sleepingServer(second, dir), THREADS)
                    .get(SETTLE.toSeconds() / 2, TimeUnit.SECONDS); // held until the readiness: it would time out
            assertTrue(!started.isDone(), "the other build's spawn went ahead only once the start was over");

            Files.createFile(ready);
            try (FixtureGroup group = started.get(SETTLE.toSeconds(), TimeUnit.SECONDS)) {
                assertTheDaemonEndsWithItsFixtureNotTheServer(group, daemon, server.leader(), first);
            }
        });
    }

    /**
     * Another build stopping a fixture whose launcher died at TERM while a member ignores it (its grace running):
     * that fixture's start is long over, so it is no rival of a daemon made meanwhile, which is its own fixture's.
     * Before, its ledger entry had no end once the launcher was gone, and the daemon was left running.
     */
    @Test
    void onThePortableBackendAnotherBuildsFixtureBeingStoppedIsNoRival(@TempDir Path dir, @TempDir Path ledgers)
            throws Exception {
        onThePortableBackendWithTwoBuilds(ledgers, (first, second, daemons) -> {
            SpawnedTree stubborn = withItsMemberRunning(second.spawn(stubborn(dir)));
            CompletableFuture<StopReport> slowStop = CompletableFuture.supplyAsync(stubborn::stop, THREADS);
            Os.await("the other build's launcher to die at TERM", SETTLE, () -> !stubborn.isLeaderAlive());

            SpawnedTree daemon = first.spawn(Scripts.spec(
                    "daemon", dir, "scrubbed-daemon.sh", dir.resolve("pids").toString()));
            ProcessId daemonProcess =
                    Os.awaitPids(dir.resolve("pids"), 1, SETTLE).get(0);
            daemons.add(daemonProcess);
            Os.await("the launcher to exit", SETTLE, () -> !daemon.isLeaderAlive());

            assertTheDaemonIsItsOwnBesideTheSlowStop(daemon, daemonProcess, slowStop, first);
        });
    }

    /**
     * Another build's server, found ready, whose stop begins while this build's daemon runs but before its launcher
     * exits: the server's start ended when it was found ready, and its stop does not move that end past the
     * daemon, which stays its own fixture's. Seen in CI: a test fork SIGKILLed, its supervisor stopping its ready
     * server while the other fork daemonized, and the daemon was left running as "could not be attributed".
     */
    @Test
    void onThePortableBackendAnotherBuildsReadyServerBeingStoppedIsStillNoRival(
            @TempDir Path dir, @TempDir Path ledgers) throws Exception {
        onThePortableBackendWithTwoBuilds(ledgers, (first, second, daemons) -> {
            SpawnedTree stubborn = withItsMemberRunning(second.spawnStarting(stubborn(dir)));
            stubborn.finishedStarting();

            String script = "/bin/sh " + Scripts.path("scrubbed-daemon.sh") + " " + dir.resolve("pids")
                    + "; while [ ! -e go ]; do sleep 0.01; done";
            SpawnedTree daemon = first.spawn(new TreeSpec(
                    "daemon",
                    List.of("/bin/sh", "-c", script),
                    dir,
                    Map.of(),
                    dir.resolve("d.log"),
                    StopPolicy.DEFAULT));
            ProcessId daemonProcess =
                    Os.awaitPids(dir.resolve("pids"), 1, SETTLE).get(0);
            daemons.add(daemonProcess);
            CompletableFuture<StopReport> slowStop = CompletableFuture.supplyAsync(stubborn::stop, THREADS);
            Os.await("the other build's launcher to die at TERM", SETTLE, () -> !stubborn.isLeaderAlive());
            Files.createFile(dir.resolve("go"));
            Os.await("the launcher to exit", SETTLE, () -> !daemon.isLeaderAlive());

            assertTheDaemonIsItsOwnBesideTheSlowStop(daemon, daemonProcess, slowStop, first);
        });
    }

    /** A fixture whose member ignores TERM: its stop takes the 3 s grace, after its launcher died at TERM. */
    private static TreeSpec stubborn(Path dir) {
        return new TreeSpec(
                "stubborn",
                List.of("/bin/sh", "-c", "(trap '' TERM; exec sleep 300) & wait"),
                dir,
                Map.of(),
                dir.resolve("stubborn.log"),
                StopPolicy.parse("TERM 3s"));
    }

    /** The stubborn fixture once its TERM-ignoring member runs beside its launcher. */
    private static SpawnedTree withItsMemberRunning(SpawnedTree stubborn) {
        Os.await("the stubborn member to run", SETTLE, () -> stubborn.members().size() == 2);
        return stubborn;
    }

    /** Judged while the other build's slow stop still ran, the daemon ends with its own fixture's stop. */
    private static void assertTheDaemonIsItsOwnBesideTheSlowStop(
            SpawnedTree daemon,
            ProcessId daemonProcess,
            CompletableFuture<StopReport> slowStop,
            ProcessSupervisor supervisor)
            throws Exception {
        assertTrue(!slowStop.isDone(), "the other build's stop was over before the daemon was judged");
        StopReport stop = daemon.stop();
        assertTrue(
                stop.ended().stream().anyMatch(o -> o.pid() == daemonProcess.pid()),
                stop.summary() + "; notices " + supervisor.notices());
        assertTrue(slowStop.get(SETTLE.toSeconds(), TimeUnit.SECONDS).isClean());
    }

    /** A group of the one fixture {@code spec}, started on another thread by {@code supervisor}. */
    private static CompletableFuture<FixtureGroup> startingAlone(
            FixtureSpec spec, ProcessSupervisor supervisor, Path dir) {
        return CompletableFuture.supplyAsync(
                () -> FixtureGroup.start(
                        List.of(spec), GroupOptions.in(dir.resolve("logs")).withSupervisor(supervisor)),
                THREADS);
    }

    /**
     * A daemonizing fixture whose launcher says it runs (file {@code launched}), waits to be told to go on (file
     * {@code go}), then forks its daemon (pid in {@code pids}) and exits; ready when it says so.
     */
    private static FixtureSpec daemonizerWaitingToGo(Path dir) {
        String script = "touch launched; while [ ! -e go ]; do sleep 0.01; done; exec /bin/sh "
                + Scripts.path("scrubbed-daemon.sh") + " " + dir.resolve("pids");
        return FixtureSpec.of("daemon", List.of("/bin/sh", "-c", script))
                .withWorkingDirectory(dir)
                .withDaemonizes(true)
                .withReadiness(Readiness.allOf(SETTLE, new Probe.Log("launcher done", 1)));
    }

    /** A daemonizing fixture: an env-scrubbed double fork (pid in {@code pids}), its launcher exiting at once. */
    private static FixtureSpec scrubbedDaemonizer(Path dir) {
        return FixtureSpec.of(
                        "daemon",
                        List.of(
                                "/bin/sh",
                                Scripts.path("scrubbed-daemon.sh").toString(),
                                dir.resolve("pids").toString()))
                .withWorkingDirectory(dir)
                .withDaemonizes(true);
    }

    /**
     * The group {@code started} by {@code supervisor} is ready, its daemon (in {@code dir/pids}, added to {@code
     * daemons}) ends with it, and the server of the other build neither dies with it nor leaves anything at its stop.
     */
    private static void assertTheDaemonIsItsFixturesNotTheServers(
            CompletableFuture<FixtureGroup> started,
            SpawnedTree server,
            ProcessSupervisor supervisor,
            Path dir,
            List<ProcessId> daemons)
            throws Exception {
        try (FixtureGroup group = started.get(SETTLE.toSeconds(), TimeUnit.SECONDS)) {
            ProcessId daemon = Os.awaitPids(dir.resolve("pids"), 1, SETTLE).get(0);
            daemons.add(daemon);
            assertTheDaemonEndsWithItsFixtureNotTheServer(group, daemon, server.leader(), supervisor);
        }
        assertTrue(server.stop().isClean());
    }

    /** Stops the group: its daemon must end with it, and the other build's server must not. */
    private static void assertTheDaemonEndsWithItsFixtureNotTheServer(
            FixtureGroup group, ProcessId daemon, ProcessId server, ProcessSupervisor supervisor) {
        GroupStopReport stop = group.stop();
        assertTrue(
                !Os.isAlive(daemon),
                "the daemon " + Os.describe(List.of(daemon)) + " outlived its fixture: " + stop.summaries()
                        + "; notices " + supervisor.notices());
        assertTrue(Os.isAlive(server), "the other build's server was killed: " + stop.summaries());
    }

    /** Two env-scrubbed double-fork daemons launched at the same moment, their launchers already gone. */
    private record Twins(SpawnedTree treeA, SpawnedTree treeB, ProcessId daemonA, ProcessId daemonB) {
        static Twins start(ProcessSupervisor supervisor, Path dir) throws Exception {
            return start(supervisor, supervisor, dir);
        }

        /**
         * Each launcher lives on until the other's daemon exists, so each daemon starts inside both launchers'
         * lives: the case where only the other build's ledger can tell that the daemon may not be ours.
         */
        static Twins startOverlapping(ProcessSupervisor supervisorA, ProcessSupervisor supervisorB, Path dir)
                throws Exception {
            Path a = Files.createDirectory(dir.resolve("a"));
            Path b = Files.createDirectory(dir.resolve("b"));
            CompletableFuture<SpawnedTree> startA = CompletableFuture.supplyAsync(
                    () -> supervisorA.spawn(lingering("a", a, b.resolve("pids"))), THREADS);
            CompletableFuture<SpawnedTree> startB = CompletableFuture.supplyAsync(
                    () -> supervisorB.spawn(lingering("b", b, a.resolve("pids"))), THREADS);
            return awaitDaemons(startA.join(), startB.join(), a, b);
        }

        private static TreeSpec lingering(String id, Path dir, Path othersPids) {
            String script = "/bin/sh " + Scripts.path("scrubbed-daemon.sh") + " " + dir.resolve("pids")
                    + "; while [ ! -s " + othersPids + " ]; do sleep 0.01; done";
            return new TreeSpec(
                    id, List.of("/bin/sh", "-c", script), dir, Map.of(), dir.resolve(id + ".log"), StopPolicy.DEFAULT);
        }

        static Twins start(ProcessSupervisor supervisorA, ProcessSupervisor supervisorB, Path dir) throws Exception {
            return start(supervisorA, supervisorB, dir, List.of(), List.of());
        }

        /**
         * A's launcher exits 20 ms after its daemon is made, B's 80 ms after: the look A's exit brings sees both
         * daemons adopted and only A's launcher gone.
         */
        static Twins startWithLaterB(ProcessSupervisor supervisor, Path dir) throws Exception {
            return start(supervisor, supervisor, dir, List.of("0.02"), List.of("0.08"));
        }

        /** {@code lingerA}/{@code lingerB}: the seconds each launcher waits after its daemon is made, if any. */
        private static Twins start(
                ProcessSupervisor supervisorA,
                ProcessSupervisor supervisorB,
                Path dir,
                List<String> lingerA,
                List<String> lingerB)
                throws Exception {
            Path a = Files.createDirectory(dir.resolve("a"));
            Path b = Files.createDirectory(dir.resolve("b"));
            CompletableFuture<SpawnedTree> startA =
                    CompletableFuture.supplyAsync(() -> supervisorA.spawn(daemonizer("a", a, lingerA)));
            CompletableFuture<SpawnedTree> startB =
                    CompletableFuture.supplyAsync(() -> supervisorB.spawn(daemonizer("b", b, lingerB)));
            return awaitDaemons(startA.join(), startB.join(), a, b);
        }

        private static TreeSpec daemonizer(String id, Path dir, List<String> linger) {
            List<String> arguments = new ArrayList<>(List.of(dir.resolve("pids").toString()));
            arguments.addAll(linger);
            return Scripts.spec(id, dir, "scrubbed-daemon.sh", arguments.toArray(String[]::new));
        }

        private static Twins awaitDaemons(SpawnedTree treeA, SpawnedTree treeB, Path a, Path b) {
            ProcessId daemonA = Os.awaitPids(a.resolve("pids"), 1, SETTLE).get(0);
            ProcessId daemonB = Os.awaitPids(b.resolve("pids"), 1, SETTLE).get(0);
            Os.await("both launchers to exit", SETTLE, () -> !treeA.isLeaderAlive() && !treeB.isLeaderAlive());
            return new Twins(treeA, treeB, daemonA, daemonB);
        }
    }
}
