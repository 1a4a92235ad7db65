package dev.tether.killer.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.SupervisorException;
import dev.tether.killer.testing.Os;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user-wide launch lock against another process, as another build holds it: a POSIX record lock taken by
 * python's {@code fcntl.lockf}, the same kind of lock as the JDK's {@code FileChannel.tryLock} on Linux and macOS.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class UserLaunchLockTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final Object SUPERVISOR = new Object();
    /** Threads of the test's own: the common pool may have one thread on two cores (JDK 25 ran tasks in turn). */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool();

    @TempDir
    Path ledgers;

    /**
     * The interpreter itself, not a version manager's shim (pyenv's forks it): the holder must be the process this
     * test ends.
     */
    private static String python() throws Exception {
        Os.Result result = Os.run(List.of("python3", "-c", "import sys; print(sys.executable)"), LIMIT, "launch-lock");
        assertEquals(0, result.exitCode(), result.output());
        return result.output().trim();
    }

    /** Holds the lock as {@code mode} (LOCK_EX or LOCK_SH) until the file {@code release} appears. */
    private Process otherBuildHolding(String mode) throws Exception {
        return otherBuildHolding(UserLaunchLock.FILE_NAME, mode);
    }

    /** Holds lock file {@code name} of the ledger directory as {@code mode} until the file {@code release} appears. */
    private Process otherBuildHolding(String name, String mode) throws Exception {
        String script = String.join(
                "\n",
                "import fcntl, os, sys, time",
                "f = open(sys.argv[1], 'a+')",
                "fcntl.lockf(f, fcntl." + mode + ")",
                "open(sys.argv[2], 'w').close()",
                "while not os.path.exists(sys.argv[3]): time.sleep(0.01)");
        ProcessBuilder builder = new ProcessBuilder(
                python(),
                "-c",
                script,
                ledgers.resolve(name).toString(),
                ledgers.resolve("held").toString(),
                ledgers.resolve("release").toString());
        builder.environment().put(Os.TEST_MARKER, "launch-lock");
        Process other = builder.redirectErrorStream(true)
                .redirectOutput(ledgers.resolve("holder.out").toFile())
                .start();
        Os.await(
                "the other build to hold the lock",
                LIMIT,
                () -> Files.exists(ledgers.resolve("held")) || !other.isAlive());
        assertTrue(other.isAlive(), () -> "the other build's lock holder failed, exit code " + other.exitValue());
        return other;
    }

    /** Whether another process could take the lock as {@code mode} at this moment, without waiting. */
    private boolean otherBuildCouldTake(String mode) throws Exception {
        return otherBuildCouldTake(UserLaunchLock.FILE_NAME, mode);
    }

    private boolean otherBuildCouldTake(String name, String mode) throws Exception {
        String script = String.join(
                "\n",
                "import fcntl, sys",
                "f = open(sys.argv[1], 'a+')",
                "try:",
                "    fcntl.lockf(f, fcntl." + mode + " | fcntl.LOCK_NB)",
                "    print('took')",
                "except OSError:",
                "    print('busy')");
        Os.Result result =
                Os.run(List.of("python3", "-c", script, ledgers.resolve(name).toString()), LIMIT, "launch-lock");
        assertEquals(0, result.exitCode(), result.output());
        return result.output().trim().equals("took");
    }

    @Test
    void aSpawnWaitsWhileAnotherBuildsDaemonizingStartHoldsTheLock() throws Exception {
        UserLaunchLock lock = UserLaunchLock.in(ledgers);
        Process other = otherBuildHolding("LOCK_EX");
        try {
            CompletableFuture<Void> saidSo = new CompletableFuture<>();
            CompletableFuture<Runnable> spawn = CompletableFuture.supplyAsync(
                    () -> lock.forSpawn(SUPERVISOR, Duration.ofMillis(100), () -> saidSo.complete(null)), THREADS);
            assertStillWaiting(spawn, "the spawn went ahead while another build held the lock exclusive");
            saidSo.get(LIMIT.toSeconds(), TimeUnit.SECONDS); // a long wait is said, so the build does not seem hung

            Files.createFile(ledgers.resolve("release"));
            spawn.get(LIMIT.toSeconds(), TimeUnit.SECONDS).run();
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    @Test
    void spawnsOfTwoBuildsGoSideBySide() throws Exception {
        UserLaunchLock lock = UserLaunchLock.in(ledgers);
        Process other = otherBuildHolding("LOCK_SH");
        try {
            Runnable spawned = lock.forSpawn(SUPERVISOR, LIMIT, () -> {}); // returns while the other holds it shared
            assertTrue(otherBuildCouldTake("LOCK_SH"), "a shared hold lets other spawns through");
            assertTrue(!otherBuildCouldTake("LOCK_EX"), "a spawn's hold keeps daemonizing starts out");
            spawned.run();
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    @Test
    void aDaemonizingStartKeepsOtherBuildsOutUntilItIsOverButNotItsOwnSupervisor() throws Exception {
        UserLaunchLock lock = UserLaunchLock.in(ledgers);
        Runnable started = lock.forDaemonizingStart(SUPERVISOR, () -> false, LIMIT, () -> {})
                .orElseThrow();

        assertTrue(!otherBuildCouldTake("LOCK_SH"), "another build spawned during a daemonizing start");
        Runnable ownSpawn = lock.forSpawn(SUPERVISOR, LIMIT, () -> {}); // its own supervisor's other fixtures go on
        ownSpawn.run();
        CompletableFuture<Runnable> otherSupervisor =
                CompletableFuture.supplyAsync(() -> lock.forSpawn(new Object(), LIMIT, () -> {}), THREADS);
        assertStillWaiting(otherSupervisor, "another supervisor spawned during a daemonizing start");

        started.run();
        otherSupervisor.get(LIMIT.toSeconds(), TimeUnit.SECONDS).run();
        assertTrue(otherBuildCouldTake("LOCK_EX"), "the lock is free once every hold ended");
    }

    /**
     * A spawn interrupted while it waits for another build says so and leaves nothing behind: once the other build
     * is done, a daemonizing start still gets the lock exclusive (no hold of the interrupted spawn counted).
     */
    @Test
    void anInterruptedSpawnLeavesTheLockWorkingForTheNextOne() throws Exception {
        UserLaunchLock lock = UserLaunchLock.in(ledgers);
        Process other = otherBuildHolding("LOCK_EX");
        try {
            Thread.currentThread().interrupt();
            try {
                SupervisorException interrupted =
                        assertThrows(SupervisorException.class, () -> lock.forSpawn(SUPERVISOR, LIMIT, () -> {}));
                assertTrue(interrupted.getMessage().contains("nothing was spawned"), interrupted.getMessage());
            } finally {
                Thread.interrupted();
            }
            Files.createFile(ledgers.resolve("release"));
            assertEquals(0, other.waitFor(), "the other build's holder ended cleanly");
        } finally {
            other.destroyForcibly().waitFor();
        }

        AtomicBoolean giveUp = new AtomicBoolean();
        CompletableFuture<Optional<Runnable>> start = CompletableFuture.supplyAsync(
                () -> lock.forDaemonizingStart(SUPERVISOR, giveUp::get, LIMIT, () -> {}), THREADS);
        try {
            Runnable started = start.get(LIMIT.toSeconds(), TimeUnit.SECONDS).orElseThrow();
            assertTrue(!otherBuildCouldTake("LOCK_SH"), "the daemonizing start after an interrupted spawn has no lock");
            started.run();
        } finally {
            giveUp.set(true); // a start still waiting (a hold leaked by the interrupted spawn) gives up
        }
    }

    @Test
    void aDaemonizingStartWaitingForTheLockGivesUpWhenCancelled() throws Exception {
        UserLaunchLock lock = UserLaunchLock.in(ledgers);
        Process other = otherBuildHolding("LOCK_SH");
        try {
            AtomicBoolean siblingFailed = new AtomicBoolean();
            CompletableFuture<Optional<Runnable>> start = CompletableFuture.supplyAsync(
                    () -> lock.forDaemonizingStart(SUPERVISOR, siblingFailed::get, LIMIT, () -> {}), THREADS);
            assertStillWaiting(start, "a daemonizing start went ahead while another build was spawning");

            siblingFailed.set(true);
            assertTrue(start.get(LIMIT.toSeconds(), TimeUnit.SECONDS).isEmpty(), "a cancelled start took the lock");
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    @Test
    void aStartHoldsTheLockSharedUntilItIsOver() throws Exception {
        UserLaunchLock lock = UserLaunchLock.in(ledgers);
        Runnable started = lock.forStart(SUPERVISOR, LIMIT, () -> {});

        assertTrue(otherBuildCouldTake("LOCK_SH"), "another build's spawns go on beside a start");
        assertTrue(!otherBuildCouldTake("LOCK_EX"), "another build's daemonizing start went ahead of a start");
        started.run();
        started.run(); // once only: a second release must not end another start's hold
        assertTrue(otherBuildCouldTake("LOCK_EX"), "the lock is free once the start is over");
    }

    /**
     * A daemonizing start waits for the starts of other supervisors (other builds) until they are over, not for
     * its own supervisor's (its own rivals, ended with the last of them); those keep the lock shared after it.
     */
    @Test
    void aDaemonizingStartWaitsForAnotherSupervisorsStartButNotForItsOwn() throws Exception {
        UserLaunchLock lock = UserLaunchLock.in(ledgers);
        Runnable ownStart = lock.forStart(SUPERVISOR, LIMIT, () -> {});
        Runnable daemonizing = lock.forDaemonizingStart(SUPERVISOR, () -> false, LIMIT, () -> {})
                .orElseThrow();
        assertTrue(!otherBuildCouldTake("LOCK_SH"), "another build spawned during a daemonizing start");
        daemonizing.run();
        assertTrue(otherBuildCouldTake("LOCK_SH") && !otherBuildCouldTake("LOCK_EX"), "the own start holds it shared");

        Object otherSupervisor = new Object();
        Runnable otherStart = lock.forStart(otherSupervisor, LIMIT, () -> {});
        CompletableFuture<Optional<Runnable>> next = CompletableFuture.supplyAsync(
                () -> lock.forDaemonizingStart(SUPERVISOR, () -> false, LIMIT, () -> {}), THREADS);
        assertStillWaiting(next, "a daemonizing start went ahead while another supervisor's start was not over");
        otherStart.run();
        next.get(LIMIT.toSeconds(), TimeUnit.SECONDS).orElseThrow().run();
        ownStart.run();
        assertTrue(otherBuildCouldTake("LOCK_EX"), "the lock is free once every hold ended");
    }

    /**
     * A build waiting to daemonize holds the intent: other builds start nothing new meanwhile, so starts that follow
     * one another without a gap cannot keep it waiting for good.
     */
    @Test
    void aBuildWaitingToDaemonizeKeepsOtherBuildsNewStartsOut() throws Exception {
        UserLaunchLock lock = UserLaunchLock.in(ledgers);
        Process other = otherBuildHolding("LOCK_SH");
        try {
            CompletableFuture<Optional<Runnable>> daemonizing = CompletableFuture.supplyAsync(
                    () -> lock.forDaemonizingStart(SUPERVISOR, () -> false, LIMIT, () -> {}), THREADS);
            Os.await(
                    "the waiting start to hold the intent",
                    LIMIT,
                    () -> !canTakeQuietly(UserLaunchLock.INTENT_FILE_NAME, "LOCK_SH"));
            assertTrue(!daemonizing.isDone(), "the daemonizing start went ahead of the other build's start");

            Files.createFile(ledgers.resolve("release"));
            daemonizing.get(LIMIT.toSeconds(), TimeUnit.SECONDS).orElseThrow().run();
            assertTrue(
                    otherBuildCouldTake(UserLaunchLock.INTENT_FILE_NAME, "LOCK_EX"),
                    "the intent is let go once the daemonizing start has the lock");
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    /**
     * A daemonizing start waiting for another build holds up the starts of every other supervisor of its JVM, not
     * those of its own (its own rivals: a wave's server starts beside its daemonizing sibling).
     */
    @Test
    void aWaitingDaemonizingStartHoldsUpOtherSupervisorsStartsNotItsOwn() throws Exception {
        UserLaunchLock lock = UserLaunchLock.in(ledgers);
        Process other = otherBuildHolding("LOCK_SH");
        try {
            CompletableFuture<Optional<Runnable>> daemonizing = CompletableFuture.supplyAsync(
                    () -> lock.forDaemonizingStart(SUPERVISOR, () -> false, LIMIT, () -> {}), THREADS);
            Os.await(
                    "the daemonizing start to wait",
                    LIMIT,
                    () -> !canTakeQuietly(UserLaunchLock.INTENT_FILE_NAME, "LOCK_SH"));

            Runnable ownStart = lock.forStart(SUPERVISOR, LIMIT, () -> {});
            CompletableFuture<Runnable> otherStart =
                    CompletableFuture.supplyAsync(() -> lock.forStart(new Object(), LIMIT, () -> {}), THREADS);
            assertStillWaiting(otherStart, "another supervisor's start went ahead of the waiting daemonizing start");

            Files.createFile(ledgers.resolve("release"));
            daemonizing.get(LIMIT.toSeconds(), TimeUnit.SECONDS).orElseThrow().run();
            otherStart.get(LIMIT.toSeconds(), TimeUnit.SECONDS).run();
            ownStart.run();
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    /**
     * While another build waits to daemonize, a new start here waits; a spawn under a start this JVM already holds
     * does not (a start's readiness command must not wait for a daemonizing start that waits for that start).
     */
    @Test
    void anotherBuildWaitingToDaemonizeHoldsNewStartsNotASpawnBesideAHeldStart() throws Exception {
        UserLaunchLock lock = UserLaunchLock.in(ledgers);
        Runnable held = lock.forStart(SUPERVISOR, LIMIT, () -> {});
        Process other = otherBuildHolding(UserLaunchLock.INTENT_FILE_NAME, "LOCK_EX");
        try {
            CompletableFuture<Runnable> newStart =
                    CompletableFuture.supplyAsync(() -> lock.forStart(SUPERVISOR, LIMIT, () -> {}), THREADS);
            lock.forSpawn(SUPERVISOR, LIMIT, () -> {}).run();
            assertStillWaiting(newStart, "a new start went ahead of another build waiting to daemonize");

            Files.createFile(ledgers.resolve("release"));
            newStart.get(LIMIT.toSeconds(), TimeUnit.SECONDS).run();
        } finally {
            other.destroyForcibly().waitFor();
            held.run();
        }
    }

    /** {@code waiting} has not returned 300 ms on: it waits for a hold, as {@code why} says it must. */
    private static void assertStillWaiting(CompletableFuture<?> waiting, String why) {
        assertThrows(TimeoutException.class, () -> waiting.get(300, TimeUnit.MILLISECONDS), why);
    }

    private boolean canTakeQuietly(String name, String mode) {
        try {
            return otherBuildCouldTake(name, mode);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
