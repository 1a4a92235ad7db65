package dev.tether.benchmarks;

import dev.tether.killer.testing.Os;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Tether against the peers, side by side in one run: real builds of generated projects with the real plugins
 * from Maven Central, counting from /proc what each leaves running. Prints one table and writes it as
 * Markdown. Run: {@code mvn -B -Pbench verify -pl shared-killer,junit-extension,benchmarks} (README).
 */
@EnabledOnOs(OS.LINUX)
class PeersBenchmark {
    private static final int SURVIVOR_RUNS = 3;
    /** Odd, for a true median; enough that one slow build (this VM has two cores) does not move it. */
    private static final int TIMING_RUNS = 11;
    /** A build still running after this is hung: it is ended and reported so. */
    private static final Duration HUNG = Duration.ofSeconds(45);
    /** How long after a build ends its leftovers are counted. */
    private static final Duration SETTLE = Duration.ofSeconds(2);
    /** The performance issue's target for Tether's time to ready (the peers table has no met column). */
    private static final double READY_TARGET_MS = 15;
    /** ... and for its build wall time over exec-maven-plugin async, which neither waits nor stops. */
    private static final double WALL_OVER_EXEC_TARGET_MS = 100;

    private final Path work = Paths.get("target", "peers").toAbsolutePath();
    private final String version = System.getProperty("tether.version");
    private final List<Integer> recorded = Collections.synchronizedList(new ArrayList<>());
    private final List<String> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** The peers table's timings that missed their target (the engine's tables judge their own rows). */
    private final List<NotMetSection.Figure> timingsNotMet = new ArrayList<>();
    /** Tool and scenario pairs whose build hung: their survivor count is what the benchmark's kill left. */
    private final java.util.Set<String> hung = new java.util.HashSet<>();

    @Test
    void printTetherAgainstThePeers() throws Exception {
        Files.createDirectories(work);
        for (Scenario scenario : Scenario.values()) {
            Map<Tool, List<Double>> survivors = new LinkedHashMap<>();
            for (Tool tool : Tool.values()) {
                for (int run = 0; run < SURVIVOR_RUNS; run++) {
                    survivors.computeIfAbsent(tool, t -> new ArrayList<>()).add((double)
                            survivors(tool, scenario, run));
                }
            }
            StringBuilder row = new StringBuilder("| survivors: " + scenario.title + " |");
            survivors.forEach((tool, counts) -> row.append(' ')
                    .append(
                            hung.contains(tool + "/" + scenario)
                                    ? "build hangs (ended by the benchmark after " + HUNG.toSeconds() + "s)"
                                    : stats(counts, ""))
                    .append(" |"));
            rows.add(row.toString());
        }
        timings();

        String header = "| measurement | "
                + String.join(
                        " | ",
                        java.util.Arrays.stream(Tool.values()).map(t -> t.title).toList())
                + " |\n|---|---|---|---|---|";
        StringBuilder report = new StringBuilder();
        report.append("## Tether against the peers (medians of ")
                .append(SURVIVOR_RUNS)
                .append(" runs for survivors, ")
                .append(TIMING_RUNS)
                .append(" for times; [min..max])\n\n")
                .append(header)
                .append('\n');
        rows.forEach(r -> report.append(r).append('\n'));
        report.append('\n');
        notes.forEach(n -> report.append("* ").append(n).append('\n'));
        for (String engine : List.of(
                "../shared-killer/target/benchmark-engine.md",
                "../shared-killer/target/benchmark-fixtures.md",
                "../shared-killer/target/benchmark-scale.md",
                "../shared-killer/target/benchmark-attribution-linux.md",
                "../shared-killer/target/benchmark-attribution-portable.md",
                "../junit-extension/target/benchmark-junit.md",
                "../junit-extension/target/benchmark-fork-scale.md")) {
            Path file = Paths.get(engine);
            if (Files.exists(file)) {
                report.append("\n").append(Files.readString(file));
            }
        }
        report.append(NotMetSection.render(report.toString(), timingsNotMet));
        System.out.println();
        System.out.println(report);
        Files.writeString(Paths.get("target", "benchmark-report.md"), report);
        Path site = Paths.get("..", "site", "markdown", "benchmark-results.md");
        if (Files.isDirectory(site.getParent())) {
            Files.writeString(
                    site,
                    "# Benchmark results\n\nWritten by `mvn -B -Pbench verify -pl "
                            + "shared-killer,junit-extension,benchmarks` on " + java.time.LocalDate.now() + ".\n\n"
                            + "![Processes still running after the build, per tool](images/survivors.svg)\n\n"
                            + report);
        }
        ReadmeTable.write(Paths.get("..", "README.md"), peersTable(header));
        Path chart = Paths.get("..", "site", "resources", "images", "survivors.svg");
        if (Files.isDirectory(chart.getParent())) {
            Files.writeString(
                    chart, SurvivorsChart.svg(peersTable(header).lines().toList()));
        }
        cleanUpAndCheck();
    }

    /** The comparison as the README shows it: the same rows, generated, never typed (see ReadmeTable). */
    private String peersTable(String header) {
        StringBuilder table = new StringBuilder(header).append('\n');
        rows.forEach(r -> table.append(r).append('\n'));
        return table.toString();
    }

    /** One run: start the scenario with the tool, end the build, count what of it is still alive. */
    private int survivors(Tool tool, Scenario scenario, int run) throws Exception {
        Path dir = Files.createDirectories(work.resolve(
                tool.name().toLowerCase(Locale.ROOT) + "-" + scenario.name().toLowerCase(Locale.ROOT) + "-" + run));
        Files.copy(
                PeersBenchmark.class.getResourceAsStream("/scenarios/" + scenario.script),
                dir.resolve(scenario.script),
                StandardCopyOption.REPLACE_EXISTING);
        Path pids = dir.resolve("pids");
        Files.deleteIfExists(pids);
        int port = scenario.needsPort ? freePort() : 0;
        List<String> argv =
                new ArrayList<>(List.of("sh", dir.resolve(scenario.script).toString(), pids.toString()));
        if (port > 0) {
            argv.add(Integer.toString(port));
        }
        if (tool == Tool.BARE) {
            bare(argv, scenario, pids);
        } else {
            PeerBuild.generate(dir, tool, argv, scenario.daemonizes, null, version);
            PeerBuild.Result result = PeerBuild.run(
                    dir,
                    List.of(
                            "pids=" + pids,
                            "expected=" + scenario.pids,
                            "port=" + port,
                            "killMaven=" + scenario.killMaven),
                    HUNG);
            if (scenario == Scenario.TERM_IGNORER && run == 0) {
                notes.add(stopNote(tool, result));
            }
            if (result.timedOut()) {
                hung.add(tool + "/" + scenario);
            }
            if (result.timedOut() && run == 0) {
                notes.add(tool.title + ", " + scenario.title + ": the build hung and was ended by the benchmark after "
                        + HUNG.toSeconds() + "s");
            }
        }
        TimeUnit.MILLISECONDS.sleep(SETTLE.toMillis()); // leftovers are what is still alive after this
        List<Integer> alive = new ArrayList<>();
        for (String line : Os.readLines(pids)) {
            int pid = Integer.parseInt(line.trim());
            recorded.add(pid);
            if (Os.PROC.process(pid).filter(p -> !p.isDead()).isPresent()) {
                alive.add(pid);
            }
        }
        alive.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly)); // ours to clean up
        return alive.size();
    }

    /** The baseline: ProcessBuilder, then destroy() (or, for the SIGKILL scenario, SIGKILL of the owner JVM). */
    private void bare(List<String> argv, Scenario scenario, Path pids) throws Exception {
        Process owner;
        if (scenario.killMaven) {
            List<String> command = new ArrayList<>(List.of(
                    Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    BareOwner.class.getName()));
            command.addAll(argv);
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put(Os.TEST_MARKER, "bare-owner");
            owner = builder.start();
        } else {
            owner = new ProcessBuilder(argv).start();
        }
        Os.await(
                scenario.pids + " pids recorded",
                Duration.ofSeconds(20),
                () -> Os.readLines(pids).size() >= scenario.pids);
        if (scenario.killMaven) {
            owner.destroyForcibly().waitFor();
        } else {
            owner.destroy();
            if (!owner.waitFor(5, TimeUnit.SECONDS)) {
                owner.destroyForcibly().waitFor();
            }
        }
    }

    private String stopNote(Tool tool, PeerBuild.Result result) {
        String how = switch (tool) {
            case TETHER ->
                result.line("Tether stop: app:")
                        .map(l -> l.substring(l.indexOf("app:")))
                        .orElse("no stop line");
            case PROCESS_EXEC ->
                result.timedOut()
                        ? "stop-all waits on the process forever: the build hangs"
                        : "stop-all returned, process left running";
            default -> "the build ends; the async process only gets TERM at JVM exit and keeps running";
        };
        return tool.title + ", TERM ignorer: " + how + " (build "
                + (result.timedOut()
                        ? "hung"
                        : "took "
                                + String.format(
                                        Locale.ROOT, "%.1fs", result.wall().toMillis() / 1000.0))
                + ")";
    }

    /** Time to ready of a python http.server, and the wall time of the same mvn verify, per tool. */
    private void timings() throws Exception {
        Map<Tool, List<Double>> ready = new LinkedHashMap<>();
        Map<Tool, List<Double>> wall = new LinkedHashMap<>();
        for (int run = 0; run < TIMING_RUNS; run++) {
            for (Tool tool : List.of(Tool.TETHER, Tool.PROCESS_EXEC, Tool.EXEC_ASYNC)) {
                Path dir = Files.createDirectories(
                        work.resolve("timing-" + tool.name().toLowerCase(Locale.ROOT) + "-" + run));
                int port = freePort();
                Path stamp = dir.resolve("listening");
                String url = "http://127.0.0.1:" + port + "/";
                List<String> argv = timedServer(dir, port, stamp);
                PeerBuild.generate(dir, tool, argv, false, tool == Tool.EXEC_ASYNC ? null : url, version);
                PeerBuild.Result result = PeerBuild.run(
                        dir,
                        List.of("pids=" + dir.resolve("none"), "expected=0", "port=" + port, "killMaven=false"),
                        HUNG);
                wall.computeIfAbsent(tool, t -> new ArrayList<>())
                        .add(result.wall().toMillis() / 1.0);
                String goal = tool == Tool.TETHER
                        ? "tether-maven-plugin"
                        : tool == Tool.PROCESS_EXEC ? "process-exec-maven-plugin:0.9:start" : null;
                if (goal != null && Files.exists(stamp)) {
                    Optional<LocalTime> returned = result.returnOf(goal);
                    long listenMillis = Long.parseLong(Files.readString(stamp).trim()) / 1_000_000;
                    LocalTime listened = java.time.Instant.ofEpochMilli(listenMillis)
                            .atZone(ZoneId.systemDefault())
                            .toLocalTime();
                    returned.ifPresent(r -> ready.computeIfAbsent(tool, t -> new ArrayList<>())
                            .add(Duration.between(listened, r).toMillis() / 1.0));
                }
                killListener(port);
            }
        }
        double tetherReady = median(ready.get(Tool.TETHER));
        List<Double> bareAnswers = bareFirstAnswers();
        rows.add("| time to ready (server listens -> plugin returns), python http.server | "
                + stats(ready.get(Tool.TETHER), " ms") + " | " + stats(ready.get(Tool.PROCESS_EXEC), " ms")
                + String.format(Locale.ROOT, " (%.1fx Tether)", median(ready.get(Tool.PROCESS_EXEC)) / tetherReady)
                + " | no readiness check | " + stats(bareAnswers, " ms")
                + " until its first HTTP answer, asked every 1 ms |");
        double tetherWall = median(wall.get(Tool.TETHER));
        StringBuilder row = new StringBuilder("| build wall time, same `mvn verify` (start server, one IT, stop) |");
        for (Tool tool : List.of(Tool.TETHER, Tool.PROCESS_EXEC, Tool.EXEC_ASYNC)) {
            row.append(' ').append(stats(wall.get(tool), " ms"));
            if (tool != Tool.TETHER) {
                row.append(String.format(Locale.ROOT, " (%.2fx Tether)", median(wall.get(tool)) / tetherWall));
            }
            row.append(" |");
        }
        rows.add(row.append(" n/a |").toString());
        judgeTimings(tetherReady, median(bareAnswers), tetherWall - median(wall.get(Tool.EXEC_ASYNC)));
    }

    /** The relative targets; the limit of time to ready is the bare client's first answer from the same server. */
    private void judgeTimings(double readyMillis, double bareAnswerMillis, double wallOverExecMillis) {
        if (readyMillis > READY_TARGET_MS) {
            timingsNotMet.add(new NotMetSection.Figure(
                    "time to ready (server listens -> plugin returns), python http.server",
                    String.format(Locale.ROOT, "%.0f ms", readyMillis),
                    String.format(Locale.ROOT, "<= %.0f ms", READY_TARGET_MS),
                    String.format(Locale.ROOT, "%.0f ms (a bare client's first answer)", bareAnswerMillis)));
        }
        if (wallOverExecMillis > WALL_OVER_EXEC_TARGET_MS) {
            timingsNotMet.add(new NotMetSection.Figure(
                    "build wall time over exec-maven-plugin 3.6.4 (async), medians",
                    String.format(Locale.ROOT, "%+.0f ms", wallOverExecMillis),
                    String.format(Locale.ROOT, "<= +%.0f ms", WALL_OVER_EXEC_TARGET_MS),
                    ""));
        }
    }

    /**
     * The limit of an HTTP probe against this server: the same script started by a bare ProcessBuilder, without
     * Maven, and asked {@code GET /} every 1 ms; from its listening to the end of its first answer. A plugin's time to
     * ready is this plus what the plugin itself costs.
     */
    private List<Double> bareFirstAnswers() throws Exception {
        List<Double> answers = new ArrayList<>();
        for (int run = 0; run < TIMING_RUNS; run++) {
            Path dir = Files.createDirectories(work.resolve("timing-bare-" + run));
            int port = freePort();
            Path stamp = dir.resolve("listening");
            ProcessBuilder builder = new ProcessBuilder(timedServer(dir, port, stamp))
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("server.log").toFile());
            builder.environment().put(Os.TEST_MARKER, "bare-first-answer");
            Process server = builder.start();
            recorded.add((int) server.pid());
            try {
                java.time.Instant answered = firstAnswer(port);
                long listenNanos = Long.parseLong(Files.readString(stamp).trim());
                long answeredNanos = answered.getEpochSecond() * 1_000_000_000L + answered.getNano();
                answers.add((answeredNanos - listenNanos) / 1_000_000.0);
            } finally {
                server.destroyForcibly().waitFor();
            }
        }
        return answers;
    }

    /** The python http.server of the timings, copied into {@code dir}: it writes when it listens to {@code stamp}. */
    private static List<String> timedServer(Path dir, int port, Path stamp) throws IOException {
        Files.copy(
                PeersBenchmark.class.getResourceAsStream("/scenarios/server.py"),
                dir.resolve("server.py"),
                StandardCopyOption.REPLACE_EXISTING);
        return List.of("python3", dir.resolve("server.py").toString(), Integer.toString(port), stamp.toString());
    }

    /** When the first complete answer to {@code GET /} came, asking every 1 ms until one does. */
    private static java.time.Instant firstAnswer(int port) throws InterruptedException {
        long deadline = System.nanoTime() + HUNG.toNanos();
        byte[] request = "GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                socket.getOutputStream().write(request);
                if (socket.getInputStream().readAllBytes().length > 0) {
                    return java.time.Instant.now();
                }
            } catch (IOException notListeningYet) {
                // asked again in 1 ms
            }
            Thread.sleep(1);
        }
        throw new AssertionError("python http.server on port " + port + " did not answer within " + HUNG);
    }

    /** exec-maven-plugin leaves the server running after the build: end it by its port (a process we started). */
    private void killListener(int port) {
        dev.tether.killer.ports.PortOwners.allHolders(dev.tether.killer.ports.PortOwners.listeningSockets(port))
                .forEach(pid -> {
                    recorded.add(pid);
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                });
    }

    private void cleanUpAndCheck() {
        Os.await(
                "every process the benchmark recorded to be gone",
                Duration.ofSeconds(10),
                () -> recorded.stream()
                        .allMatch(
                                pid -> Os.PROC.process(pid).map(p -> p.isDead()).orElse(true)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String stats(List<Double> values, String unit) {
        if (values == null || values.isEmpty()) {
            return "n/a";
        }
        return String.format(
                Locale.ROOT,
                "%.0f%s [%.0f..%.0f]",
                median(values),
                unit,
                Collections.min(values),
                Collections.max(values));
    }
}
