package dev.tether.killer.bench;

import dev.tether.killer.FixtureStartException;
import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.config.FixtureSpec;
import dev.tether.killer.config.Probe;
import dev.tether.killer.config.Readiness;
import dev.tether.killer.fixture.FixtureGroup;
import dev.tether.killer.fixture.GroupOptions;
import dev.tether.killer.testing.Os;
import dev.tether.killer.testing.SupervisorExtension;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness and fail-fast latency of the fixtures layer. The servers stamp CLOCK_MONOTONIC (Python's
 * time.monotonic_ns) at the moment that matters; System.nanoTime reads the same clock on Linux, so the
 * difference is exact across processes.
 */
@EnabledOnOs(OS.LINUX)
class FixtureBenchmark {
    private static final int RUNS = 15;
    private static final int SLOW_RUNS = 5;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** Listens after 300 ms, writes the monotonic time of listen() to argv[2], then serves forever. */
    private static final String LATE_SERVER = String.join(
            "\n",
            "import socket, sys, time",
            "time.sleep(0.3)",
            "s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            "s.bind(('127.0.0.1', int(sys.argv[1]))); s.listen(16)",
            "stamp = time.monotonic_ns()",
            "open(sys.argv[2], 'w').write(str(stamp))",
            "while True: s.accept()[0].close()");

    /**
     * Prints a line with the monotonic time of its write after argv[1] seconds, then serves nothing, forever.
     */
    private static final String LATE_LOGGER = String.join(
            "\n",
            "import sys, time",
            "time.sleep(float(sys.argv[1]))",
            "print('ready', time.monotonic_ns(), flush=True)",
            "time.sleep(300)");
    /** How long the slow logger takes: the owner's CPU while a log probe waits that long is one figure. */
    private static final double SLOW_START_SECONDS = 2;

    /**
     * Exits 1 after 300 ms, printing the monotonic time just before. os._exit, not sys.exit: the interpreter's
     * own tear-down (5-15 ms here) is not Tether's latency.
     */
    private static final String FAILING =
            "import os, time; time.sleep(0.3); print(time.monotonic_ns(), flush=True); os._exit(1)";

    @RegisterExtension
    static final SupervisorExtension SUPERVISOR = new SupervisorExtension();

    @TempDir
    Path dir;

    @Test
    void printFixtureFigures() throws Exception {
        ProcessSupervisor supervisor = SUPERVISOR.get();
        Figures ready = new Figures("readiness: port accepts -> start() returns (tcp probe)", "ms", "<= 5 ms");
        Figures logged = new Figures("readiness: log line written -> start() returns (log probe)", "ms", "<= 5 ms");
        Figures waitingCpu = new Figures(
                "owner CPU while a log probe waits for a slow server (ms per second waited)", "ms", "(no target)");
        Figures failFast =
                new Figures("fail-fast: failing fixture exits -> 2 siblings dead, start() threw", "ms", "<= 10 ms");
        Figures failFastLimit = new Figures(
                "limit: the same 3 processes started here, exit seen by waitFor(), the 2 TERMed until reaped",
                "ms",
                EngineLimits.TARGET);
        for (int i = 0; i < RUNS; i++) {
            Path stamp = dir.resolve("listen-" + i);
            FixtureSpec server = FixtureSpec.of(
                            "late", List.of("python3", "-c", LATE_SERVER, "${tether.port.late}", stamp.toString()))
                    .withWorkingDirectory(dir)
                    .withPorts("late")
                    .withReadiness(Readiness.allOf(TIMEOUT, new Probe.Tcp("127.0.0.1", "late")));
            try (FixtureGroup group = FixtureGroup.start(List.of(server), options(supervisor))) {
                long returned = System.nanoTime();
                // The server stamps the time right after listen() and writes it next: start() may return first.
                Os.await(
                        "the server's stamp",
                        Duration.ofSeconds(5),
                        () -> stampOf(stamp).isPresent());
                ready.addNanosAsMillis(returned - stampOf(stamp).orElseThrow());
            }

            FixtureSpec logger = logger("logger-" + i, 0.3);
            try (FixtureGroup group = FixtureGroup.start(List.of(logger), options(supervisor))) {
                long returned = System.nanoTime();
                String line =
                        Files.readAllLines(group.fixture(logger.id()).logFile()).get(0);
                logged.addNanosAsMillis(returned - Long.parseLong(line.split(" ")[1].trim()));
            }
            if (i < SLOW_RUNS) {
                long cpuBefore = processCpuNanos();
                FixtureGroup.start(List.of(logger("slow-" + i, SLOW_START_SECONDS)), options(supervisor))
                        .close();
                waitingCpu.add((processCpuNanos() - cpuBefore) / 1e6 / SLOW_START_SECONDS);
            }

            FixtureSpec a = FixtureSpec.of("a", "sleep 300").withWorkingDirectory(dir);
            FixtureSpec b = FixtureSpec.of("b", "sleep 300").withWorkingDirectory(dir);
            FixtureSpec failing = FixtureSpec.of("failing", List.of("python3", "-c", FAILING))
                    .withWorkingDirectory(dir)
                    .withNeeds("a", "b")
                    .withPorts("never")
                    .withReadiness(Readiness.allOf(TIMEOUT, new Probe.Tcp("127.0.0.1", "never")));
            Path logs = dir.resolve("logs-" + i);
            try {
                FixtureGroup.start(List.of(a, b, failing), options(supervisor).withLogSink(null))
                        .close();
                throw new AssertionError("the failing fixture must fail the start");
            } catch (FixtureStartException expected) {
                long threw = System.nanoTime();
                long exited = Long.parseLong(
                        Files.readAllLines(logsOf(expected)).get(0).trim());
                failFast.addNanosAsMillis(threw - exited);
            }
            failFastLimit.add(failFastByHand(i));
        }
        List<String> rows = new ArrayList<>(
                List.of(ready.row(), logged.row(), waitingCpu.row(), failFast.row(), failFastLimit.row()));
        System.out.println();
        System.out.println("Tether fixture figures");
        System.out.println(Figures.header());
        rows.forEach(System.out::println);
        Files.writeString(
                Paths.get("target", "benchmark-fixtures.md"), Figures.header() + "\n" + String.join("\n", rows) + "\n");
        Os.await(
                "no fixture process left",
                Duration.ofSeconds(5),
                () -> Os.carrying("TETHER_FIXTURE", "none").isEmpty());
    }

    /**
     * The fail-fast limit: the group's three processes started by this JVM, the failing one's exit seen by its
     * waitFor() (the JDK's reaper thread), the two siblings sent TERM and waited for; milliseconds from the failing
     * one's stamp until both are reaped.
     */
    private double failFastByHand(int round) throws Exception {
        Path stamp = dir.resolve("limit-failing-" + round);
        List<Process> siblings = new ArrayList<>();
        try {
            siblings.add(EngineLimits.startMarked(new ProcessBuilder("sleep", "300")));
            siblings.add(EngineLimits.startMarked(new ProcessBuilder("sleep", "300")));
            Process failing = EngineLimits.startMarked(
                    new ProcessBuilder("python3", "-c", FAILING).redirectOutput(stamp.toFile()));
            failing.waitFor();
            siblings.forEach(Process::destroy);
            for (Process sibling : siblings) {
                sibling.waitFor();
            }
            long done = System.nanoTime();
            return (done - Long.parseLong(Files.readString(stamp).trim())) / 1e6;
        } finally {
            siblings.forEach(Process::destroyForcibly);
        }
    }

    private FixtureSpec logger(String id, double seconds) {
        return FixtureSpec.of(id, List.of("python3", "-c", LATE_LOGGER, Double.toString(seconds)))
                .withWorkingDirectory(dir)
                .withReadiness(Readiness.allOf(TIMEOUT, new Probe.Log("^ready ", 1)));
    }

    private static OptionalLong stampOf(Path file) {
        try {
            String text = Files.readString(file).trim();
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** CPU time of this whole JVM (every thread: the waiting one and the JDK's watch thread). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private GroupOptions options(ProcessSupervisor supervisor) {
        return GroupOptions.in(dir.resolve("logs")).withSupervisor(supervisor);
    }

    private Path logsOf(FixtureStartException failure) {
        return dir.resolve("logs").resolve(failure.fixture() + ".log");
    }
}
