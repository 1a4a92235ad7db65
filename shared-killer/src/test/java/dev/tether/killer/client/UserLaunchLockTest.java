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
                ledgers.resolve(UserLaunchLock.FILE_NAME).toString(),
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
        String script = String.join(
                "\n",
                "import fcntl, sys",
                "f = open(sys.argv[1], 'a+')",
                "try:",
                "    fcntl.lockf(f, fcntl." + mode + " | fcntl.LOCK_NB)",
                "    print('took')",
                "except OSError:",
                "    print('busy')");
        Os.Result result = Os.run(
                List.of(
                        "python3",
                        "-c",
                        script,
                        ledgers.resolve(UserLaunchLock.FILE_NAME).toString()),
                LIMIT,
                "launch-lock");
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
                    () -> lock.forSpawn(SUPERVISOR, Duration.ofMillis(100), () -> saidSo.complete(null)));
            assertThrows(
                    TimeoutException.class,
                    () -> spawn.get(300, TimeUnit.MILLISECONDS),
                    "the spawn went ahead while another build held the lock exclusive");
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
                CompletableFuture.supplyAsync(() -> lock.forSpawn(new Object(), LIMIT, () -> {}));
        assertThrows(TimeoutException.class, () -> otherSupervisor.get(300, TimeUnit.MILLISECONDS));

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
        CompletableFuture<Optional<Runnable>> start =
                CompletableFuture.supplyAsync(() -> lock.forDaemonizingStart(SUPERVISOR, giveUp::get, LIMIT, () -> {}));
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
                    () -> lock.forDaemonizingStart(SUPERVISOR, siblingFailed::get, LIMIT, () -> {}));
            assertThrows(
                    TimeoutException.class,
                    () -> start.get(300, TimeUnit.MILLISECONDS),
                    "a daemonizing start went ahead while another build was spawning");

            siblingFailed.set(true);
            assertTrue(start.get(LIMIT.toSeconds(), TimeUnit.SECONDS).isEmpty(), "a cancelled start took the lock");
        } finally {
            other.destroyForcibly().waitFor();
        }
    }
}
