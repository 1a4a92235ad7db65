package dev.tether.killer.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.killer.process.ProcessId;
import dev.tether.killer.testing.Os;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The class-data archive is dumped by JVMs the owner starts in the background. One must never outlive its owner:
 * an orphan no fixture made is what the portable backend reports as a daemon it cannot attribute, and a dump can
 * hang. Started through the life limit, a process dies with the thread that started it (the owner's dump thread,
 * which only ends when the dump does or the owner dies).
 */
@EnabledOnOs(OS.LINUX)
class DumpLifeLimitIT {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private final AtomicReference<Process> started = new AtomicReference<>();

    @Test
    void aProcessStartedThroughTheLifeLimitDiesWithTheThreadThatStartedIt() throws Exception {
        List<String> command = new ArrayList<>(SupervisorArchive.lifeLimit());
        assertEquals(
                List.of("/usr/bin/setpriv", "--pdeathsig", "KILL", "--"),
                command,
                "util-linux's setpriv (2.33+) is on every Linux this project is built on");
        command.addAll(List.of("sleep", "300"));
        AtomicReference<ProcessId> sleeper = new AtomicReference<>();
        Thread starter = new Thread(() -> {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put(Os.TEST_MARKER, "dump-life-limit");
            try {
                started.set(builder.start());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // setpriv sets the signal after the fork, then runs the command: as the owner's dump thread does, this
            // thread lives on until then (a thread that ends before the signal is set is no parent to it)
            int pid = (int) started.get().pid();
            Os.await(
                    "setpriv to run the command",
                    LIMIT,
                    () -> Os.PROC.commandLine(pid).startsWith("sleep"));
            sleeper.set(Os.idOf(pid));
        });
        starter.start();
        starter.join();

        Os.awaitAllDead(List.of(sleeper.get()), LIMIT);
    }

    @AfterEach
    void endWhatOutlivedItsThread() {
        Process process = started.get();
        if (process != null) {
            process.destroyForcibly(); // only if the assertion above failed: the sleep this test started
        }
    }
}
