package dev.tether.killer.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.testing.Os;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** kqueue's process events, for real: runs on macOS only (the project's CI has no macOS runner). */
@EnabledOnOs(OS.MAC)
class MacProcessEventsTest {
    @Test
    void aWatchedProcessForkingAndExitingIsReported() throws Exception {
        Semaphore events = new Semaphore(0);
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "read go; sleep 0.1 & wait");
        builder.environment().put(Os.TEST_MARKER, "mac-process-events");
        Process shell = builder.start();
        try (ProcessEvents watch = Backend.MACOS.processEvents(events::release).orElseThrow()) {
            assertTrue(watch.watch((int) shell.pid()));
            shell.getOutputStream().write("go\n".getBytes());
            shell.getOutputStream().flush();

            assertTrue(events.tryAcquire(1, TimeUnit.MINUTES), "the fork was reported");
            assertTrue(shell.waitFor(1, TimeUnit.MINUTES));
            assertTrue(events.tryAcquire(1, TimeUnit.MINUTES), "the exit was reported");
            assertFalse(watch.watch((int) shell.pid()), "a process gone (and reaped) cannot be watched");
        } finally {
            shell.destroyForcibly().waitFor();
        }
    }
}
