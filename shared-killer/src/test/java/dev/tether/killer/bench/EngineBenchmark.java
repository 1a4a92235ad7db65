package dev.tether.killer.bench;

import dev.tether.killer.client.ExitEvent;
import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.client.SpawnedTree;
import dev.tether.killer.client.TreeSpec;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.stop.StopReport;
import dev.tether.killer.testing.ChildOwner;
import dev.tether.killer.testing.Os;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's figures on this machine, printed as a Markdown table (no assertion on time: a slow machine
 * is a figure, not a failure). Run with {@code mvn -B -pl shared-killer -Pbench verify}.
 */
@EnabledOnOs(OS.LINUX)
class EngineBenchmark {
    private static final int SPAWNS = 60;
    private static final int STOPS = 30;
    private static final int COLD_STARTS = 10;
    private static final int OWNER_KILLS = 15;

    @TempDir
    Path dir;

    @Test
    void printEngineFigures(@TempDir Path ledgers) throws Exception {
        List<String> rows = new ArrayList<>();
        Figures coldStart = new Figures("supervisor cold start (launch until it answers)", "ms", "<= 60 ms");
        Figures rss = new Figures("supervisor resident memory (VmRSS) after the spawn runs", "MB", "<= 40 MB");
        Figures helloStart = new Figures(
                "limit: a hello-world JVM with the supervisor's command, until it prints", "ms", EngineLimits.TARGET);
        Figures helloRss =
                new Figures("limit: that hello-world JVM's VmRSS once it printed", "MB", EngineLimits.TARGET);
        awaitClassDataArchive(ledgers);
        List<String> hello = null;
        for (int i = 0; i < COLD_STARTS; i++) {
            long start = System.nanoTime();
            try (ProcessSupervisor supervisor = ProcessSupervisor.launch(ledgers)) {
                coldStart.addNanosAsMillis(System.nanoTime() - start);
                if (hello == null) {
                    hello = EngineLimits.helloCommand(supervisor.pid());
                }
            }
            EngineLimits.helloStart(hello, helloStart, helloRss);
        }
        try (ProcessSupervisor supervisor = ProcessSupervisor.launch(ledgers)) {
            Figures[] spawn = spawnVersusProcessBuilder(supervisor);
            rows.add(spawn[0].row());
            rows.add(spawn[1].row());
            rss.add(residentMegabytes(supervisor.pid()));
            rows.addAll(cooperativeTreeStop(supervisor));
        }
        rows.add(coldStart.row());
        rows.add(helloStart.row());
        rows.add(rss.row());
        rows.add(helloRss.row());
        rows.addAll(ownerKill(ledgers));

        System.out.println();
        System.out.println("Tether engine figures (" + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
                + System.getProperty("java.version") + ")");
        System.out.println(Figures.header());
        rows.forEach(System.out::println);
        Path out = Paths.get("target", "benchmark-engine.md");
        Files.writeString(out, Figures.header() + "\n" + String.join("\n", rows) + "\n");
        System.out.println("(also written to " + out.toAbsolutePath() + ")");
    }

    /**
     * Users' supervisors start from a class-data archive the first one dumps in the background (two short JVMs,
     * ~1.5 s of CPU): the timed starts wait until a supervisor starts with it, so they neither run beside the dump
     * nor without the archive.
     */
    private static void awaitClassDataArchive(Path ledgers) {
        Os.await("a supervisor started with its class-data archive", Duration.ofSeconds(60), () -> {
            try (ProcessSupervisor supervisor = ProcessSupervisor.launch(ledgers)) {
                return Os.classDataArchiveOf(supervisor.pid()).isPresent();
            }
        });
    }

    /** Start of /bin/true until its exit is known: through the supervisor, and with ProcessBuilder. */
    private Figures[] spawnVersusProcessBuilder(ProcessSupervisor supervisor) throws Exception {
        Figures builder = new Figures("ProcessBuilder.start() of /bin/true until waitFor() returns", "ms", "baseline");
        Figures tether = new Figures(
                        "spawn /bin/true until exit known, through the supervisor", "ms", "<= ProcessBuilder")
                .atMost(builder);
        BlockingQueue<ExitEvent> exits = new ArrayBlockingQueue<>(SPAWNS * 2);
        supervisor.onExit(exits::add);
        for (int i = 0; i < SPAWNS; i++) {
            String id = "true-" + i;
            long start = System.nanoTime();
            SpawnedTree tree = supervisor.spawn(TreeSpec.of(id, List.of("/bin/true"), dir, dir.resolve("true.log")));
            ExitEvent exit = exits.poll(10, TimeUnit.SECONDS);
            long took = System.nanoTime() - start;
            if (exit == null || !exit.id().equals(id)) {
                throw new AssertionError("no exit event for " + id + ": " + exit);
            }
            tether.addNanosAsMillis(took);
            tree.stop();

            start = System.nanoTime();
            new ProcessBuilder("/bin/true").start().waitFor();
            builder.addNanosAsMillis(System.nanoTime() - start);
        }
        return new Figures[] {tether, builder};
    }

    /**
     * A shell with nine background sleeps (10 processes), TERM until every one is dead; then the same tree TERMed as
     * a group by this JVM, the limit.
     */
    private List<String> cooperativeTreeStop(ProcessSupervisor supervisor) throws Exception {
        Figures stop = new Figures("stop a cooperative 10-process tree until all dead", "ms", "<= 10 ms");
        Figures limit = new Figures(
                "limit: that tree TERMed as a group from this JVM, until all dead", "ms", EngineLimits.TARGET);
        String script = "for i in 1 2 3 4 5 6 7 8 9; do sleep 300 & done; echo started; wait";
        for (int i = 0; i < STOPS; i++) {
            SpawnedTree tree = supervisor.spawn(
                    TreeSpec.of("ten-" + i, List.of("/bin/sh", "-c", script), dir, dir.resolve("ten.log")));
            Os.await(
                    "10 processes in tree " + i,
                    Duration.ofSeconds(10),
                    () -> tree.members().stream()
                                    .filter(p -> !p.isDead() && p.name().equals("sleep"))
                                    .count()
                            == 9);
            long start = System.nanoTime();
            StopReport report = tree.stop();
            stop.addNanosAsMillis(System.nanoTime() - start);
            if (!report.isClean() || report.ended().size() != 10) {
                throw new AssertionError("unexpected stop: " + report.summary());
            }
            EngineLimits.treeTermedAsGroup(script, limit);
        }
        return List.of(stop.row(), limit.row());
    }

    /**
     * An owner JVM with three trees is SIGKILLed; time until every process of every tree is dead. Then the limit: the
     * same with its supervisor held stopped and this JVM doing the supervisor's part.
     */
    private List<String> ownerKill(Path ledgers) throws Exception {
        Figures kill = new Figures("owner JVM SIGKILLed until all 3 trees (11 processes) dead", "ms", "<= 25 ms");
        Figures limit = new Figures(
                "limit: the owner's stdout ends here, this JVM TERMs the 11 pids, until all dead",
                "ms",
                EngineLimits.TARGET);
        for (int i = 0; i < OWNER_KILLS; i++) {
            Path runDir = Files.createDirectories(dir.resolve("owner-" + i));
            try (ChildOwner owner = new ChildOwner(runDir, ledgers)) {
                long start = System.nanoTime();
                owner.jvm.destroyForcibly();
                awaitAllDeadClosely(owner.fixtures, Duration.ofSeconds(10));
                kill.addNanosAsMillis(System.nanoTime() - start);
            }
            EngineLimits.ownerKilled(Files.createDirectories(dir.resolve("limit-owner-" + i)), ledgers, limit);
        }
        return List.of(kill.row(), limit.row());
    }

    /**
     * Like {@link Os#awaitAllDead}, but looking every 0.5 ms: that wait's growing pauses (1, 2, 4 .. 20 ms) would
     * round every figure up to its next look (a tree dead at 16 ms was reported as 31 ms).
     */
    static void awaitAllDeadClosely(List<ProcessId> ids, Duration limit) {
        List<ProcessId> alive = new ArrayList<>(ids);
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            while (!alive.isEmpty() && !Os.isAlive(alive.get(0))) {
                alive.remove(0); // one /proc read per look while the first lives: the bench must not load the CPU
            }
            if (alive.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Still alive after " + limit + ": " + Os.describe(alive));
            }
            LockSupport.parkNanos(500_000);
        }
    }

    static double residentMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }
}
