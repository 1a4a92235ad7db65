package dev.tether.killer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The native half of the windows backend, on Windows only (no CI of this project runs it yet). */
@EnabledOnOs(OS.WINDOWS)
class WindowsJobTest {
    @TempDir
    Path dir;

    @Test
    void aTreeStartedInAJobEndsWithTheJob() throws Exception {
        WindowsKernel32 kernel32 = WindowsKernel32.load();
        Map<String, String> environment = new HashMap<>(System.getenv());
        try (WindowsJob job = WindowsJob.create(kernel32)) {
            int pid = job.start(List.of("cmd.exe", "/c", "ping -n 120 127.0.0.1 > nul"), environment, dir);
            assertTrue(pid > 0);
            awaitCount("cmd and its ping in the job", 2, job::activeProcesses);
            job.terminate();
            awaitCount("nothing left in the job", 0, job::activeProcesses);
        }
    }

    @Test
    void theListenerOfAPortIsNamedByItsPid() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            assertEquals(
                    java.util.Set.of((int) ProcessHandle.current().pid()),
                    WindowsTcpTable.listeners(WindowsTcpTable.IpHelper.load(), socket.getLocalPort()));
        }
    }

    private static void awaitCount(String what, int expected, IntSupplier count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (count.getAsInt() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": " + count.getAsInt() + " active, expected " + expected);
            }
            Thread.sleep(20); // polling the job's accounting until the condition holds
        }
    }
}
