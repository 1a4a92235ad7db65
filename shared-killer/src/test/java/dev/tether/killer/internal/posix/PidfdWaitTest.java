package dev.tether.killer.internal.posix;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.testing.Os;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Real processes: a wait on pidfds ends when the last of them exits, not when its (long) limit passes. */
@EnabledOnOs(OS.LINUX)
class PidfdWaitTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // the wait's own limit is ten minutes: only an exit ends it
    void theWaitEndsWhenTheLastProcessExits() throws Exception {
        List<Process> processes = new ArrayList<>();
        for (String seconds : List.of("0.2", "0.4", "0.6")) {
            ProcessBuilder sleeper = new ProcessBuilder("sleep", seconds);
            sleeper.environment().put(Os.TEST_MARKER, "pidfd-wait");
            processes.add(sleeper.start());
        }
        int[] pids = processes.stream().mapToInt(p -> (int) p.pid()).toArray();

        boolean waited =
                NativePosix.get().awaitExitOfAll(pids, Duration.ofMinutes(10).toNanos());

        assertTrue(waited, "pidfds are available on this kernel");
        for (Process process : processes) {
            assertTrue(process.waitFor(5, TimeUnit.SECONDS), "exited (the wait saw it before its parent reaped it)");
        }
    }

    @Test
    void aPidThatIsGoneCountsAsExitedAndALiveOneIsWaitedForOnlyUntilTheLimit() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        ProcessBuilder builder = new ProcessBuilder("sleep", "300");
        builder.environment().put(Os.TEST_MARKER, "pidfd-wait");
        Process lives = builder.start();
        try {
            assertTrue(NativePosix.get()
                    .awaitExitOfAll(
                            new int[] {(int) gone.pid()}, Duration.ofMinutes(10).toNanos()));
            assertTrue(NativePosix.get()
                    .awaitExitOfAll(
                            new int[] {(int) lives.pid()}, Duration.ofMillis(50).toNanos()));
            assertTrue(lives.isAlive(), "the limit ended the wait, not the process");
        } finally {
            lives.destroyForcibly().waitFor();
        }
        assertFalse(lives.isAlive());
    }
}
