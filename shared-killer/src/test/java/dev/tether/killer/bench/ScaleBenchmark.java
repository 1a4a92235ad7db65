package dev.tether.killer.bench;

import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.config.FixtureSpec;
import dev.tether.killer.config.Probe;
import dev.tether.killer.config.Readiness;
import dev.tether.killer.fixture.FixtureGroup;
import dev.tether.killer.fixture.GroupOptions;
import dev.tether.killer.fixture.RunningFixture;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.testing.Os;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the cost grows with the number of fixtures: 1, 10, 50 and 200 real TCP servers in one group, in waves of 10
 * (each fixture needs the one ten places before it, as a Maven {@code start} with {@code needs} chains would
 * make), every one ready by a tcp probe. Per size: start until all are ready, stop of all, the cost per fixture,
 * the supervisor's CPU while the fixtures run idle, its resident memory, and what is left after the stop.
 */
@EnabledOnOs(OS.LINUX)
class ScaleBenchmark {
    private static final int[] SIZES = {1, 10, 50, 200};
    private static final int WAVE = 10;
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(5);
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    /** Listens on argv[1] and accepts forever: the smallest real server. */
    private static final String SERVER = String.join(
            "\n",
            "import socket, sys",
            "s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            "s.bind(('127.0.0.1', int(sys.argv[1]))); s.listen(16)",
            "while True: s.accept()[0].close()");

    @TempDir
    Path dir;

    @Test
    void printScaleFigures(@TempDir Path ledgers) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ProcessSupervisor supervisor = ProcessSupervisor.launch(ledgers)) {
            // between two tests: one fixture came and went, nothing runs now
            FixtureGroup.start(specs(1), GroupOptions.in(dir.resolve("logs-0")).withSupervisor(supervisor))
                    .close();
            Figures idle = new Figures("no fixture (after one stopped): supervisor CPU while idle", "%", "<= 1 %");
            Figures wakeUps = new Figures("no fixture: supervisor wake-ups while idle", "/s", "measured");
            Idle cost = idleCostOver(supervisor.pid(), IDLE_WINDOW);
            idle.add(cost.cpuPercent());
            wakeUps.add(cost.wakeUpsPerSecond());
            rows.add(idle.row());
            rows.add(wakeUps.row());
        }
        for (int size : SIZES) {
            rows.addAll(measure(size, ledgers));
        }
        System.out.println();
        System.out.println("Tether at scale (fixtures in one group, waves of " + WAVE + ")");
        System.out.println(Figures.header());
        rows.forEach(System.out::println);
        Files.writeString(
                Paths.get("target", "benchmark-scale.md"), Figures.header() + "\n" + String.join("\n", rows) + "\n");
    }

    private List<String> measure(int size, Path ledgers) throws Exception {
        String label = size + (size == 1 ? " fixture" : " fixtures");
        Figures start = new Figures(label + ": start until all ready", "ms", "measured");
        Figures stop = new Figures(label + ": stop of all, verified", "ms", "measured");
        Figures perFixture = new Figures(label + ": start + stop per fixture", "ms", "measured");
        Figures idleCpu = new Figures(label + ": supervisor CPU while they run idle", "%", "<= 1 %");
        Figures wakeUps = new Figures(label + ": supervisor wake-ups while they run idle", "/s", "measured");
        Figures memory = new Figures(label + ": supervisor VmRSS while they run", "MB", "<= 40 MB");
        Figures left = new Figures(label + ": processes left after the stop", "", "<= 0 left");
        try (ProcessSupervisor supervisor = ProcessSupervisor.launch(ledgers)) {
            GroupOptions options = GroupOptions.in(dir.resolve("logs-" + size))
                    .withSupervisor(supervisor)
                    .withLogSink(null);
            long began = System.nanoTime();
            FixtureGroup group = FixtureGroup.start(specs(size), options);
            long ready = System.nanoTime();
            List<ProcessId> started = new ArrayList<>();
            for (RunningFixture fixture : group.fixtures()) {
                started.add(Os.idOf(fixture.pid()));
            }
            Idle cost = idleCostOver(supervisor.pid(), IDLE_WINDOW);
            idleCpu.add(cost.cpuPercent());
            wakeUps.add(cost.wakeUpsPerSecond());
            memory.add(EngineBenchmark.residentMegabytes(supervisor.pid()));
            long stopping = System.nanoTime();
            group.close();
            long stopped = System.nanoTime();
            left.add(started.stream().filter(Os::isAlive).count());
            start.addNanosAsMillis(ready - began);
            stop.addNanosAsMillis(stopped - stopping);
            perFixture.addNanosAsMillis((stopped - stopping + ready - began) / size);
        }
        return List.of(
                start.row(), stop.row(), perFixture.row(), idleCpu.row(), wakeUps.row(), memory.row(), left.row());
    }

    private List<FixtureSpec> specs(int size) {
        List<FixtureSpec> specs = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String id = "s" + i;
            FixtureSpec spec = FixtureSpec.of(id, List.of("python3", "-c", SERVER, "${tether.port." + id + "}"))
                    .withWorkingDirectory(dir)
                    .withPorts(id)
                    .withReadiness(Readiness.allOf(Duration.ofSeconds(60), new Probe.Tcp("127.0.0.1", id)));
            specs.add(i >= WAVE ? spec.withNeeds("s" + (i - WAVE)) : spec);
        }
        return specs;
    }

    /**
     * What a process costs while nothing happens: user + system CPU (/proc/PID/stat, clock ticks) and how often
     * its threads wake (voluntary context switches in /proc/PID/task/TID/status), the figure that does not depend
     * on what a system call costs on the machine (a sandboxed kernel charges milliseconds per wake-up).
     */
    private static Idle idleCostOver(long pid, Duration window) throws Exception {
        long ticks = cpuTicks(pid);
        long switches = voluntarySwitches(pid);
        Thread.sleep(window.toMillis()); // the measurement is this window of idleness itself
        double seconds = window.toMillis() / 1000.0;
        return new Idle(
                100.0 * (cpuTicks(pid) - ticks) / CLOCK_TICKS_PER_SECOND / seconds,
                (voluntarySwitches(pid) - switches) / seconds);
    }

    private record Idle(double cpuPercent, double wakeUpsPerSecond) {}

    private static long voluntarySwitches(long pid) throws IOException {
        long total = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Paths.get("/proc", Long.toString(pid), "task"))) {
            for (Path thread : threads) {
                for (String line : Files.readAllLines(thread.resolve("status"))) {
                    if (line.startsWith("voluntary_ctxt_switches:")) {
                        total += Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            }
        } catch (NoSuchFileException e) {
            // a thread ended while being read: its switches no longer count either way
        }
        return total;
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
