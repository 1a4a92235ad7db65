package dev.tether.killer.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tether.killer.platform.Backend;
import dev.tether.killer.process.LinuxProcInspector;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.ProcessTable;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/** What the OS shows, for assertions: /proc rows, environments, and waits on conditions (never blind sleeps). */
public final class Os {
    public static final LinuxProcInspector PROC = new LinuxProcInspector();
    /** Every process a test starts outside Tether carries this variable, so the final leak check finds it. */
    public static final String TEST_MARKER = "TETHER_TEST";
    /**
     * Every process a test learned of through a pid file ({@link #awaitPids}): env-scrubbed daemons carry no
     * marker, so the final leak check looks for these by identity too.
     */
    private static final Set<ProcessId> WITNESSED = ConcurrentHashMap.newKeySet();

    private Os() {}

    /** Exit code and combined output of a command run to its end. */
    public record Result(int exitCode, String output) {}

    /**
     * Runs a command marked with {@code marker} (the leak check finds it) to its end. The output goes to a file,
     * not a pipe read before the wait, so a command that hangs is killed at {@code limit} instead of hanging
     * the test; the result then says so.
     */
    public static Result run(List<String> command, Duration limit, String marker)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("tether-test", ".out");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put(TEST_MARKER, marker);
            Process process = builder.start();
            if (!process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                return new Result(
                        -1,
                        "timed out after " + limit + ": " + command + "\n"
                                + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The jar or class directory {@code type} was loaded from, as a path (spaces and all). */
    public static Path classPathEntryOf(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("no class path entry for " + type, e);
        }
    }

    /** The class-data archive a supervisor was started with: its {@code -XX:SharedArchiveFile} option, if any. */
    public static Optional<Path> classDataArchiveOf(long supervisorPid) {
        String option = "-XX:SharedArchiveFile=";
        return Arrays.stream(PROC.commandLine((int) supervisorPid).split(" "))
                .filter(argument -> argument.startsWith(option))
                .map(argument -> Path.of(argument.substring(option.length())))
                .findFirst();
    }

    /** Something accepts a TCP connection on 127.0.0.1:{@code port} right now. */
    public static boolean accepts(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The engine's identities are in its backend's units (clock ticks from /proc, or epoch milliseconds from the
     * JDK on the portable ones); the tests' must be too, so both compare. Liveness is always read from /proc.
     */
    public static final boolean ENGINE_READS_PROC = Backend.current().readsProcFilesystem();

    public static boolean isAlive(ProcessId id) {
        return PROC.process(id.pid())
                .filter(p -> engineStartTime(p) == id.startTime() && !p.isDead())
                .isPresent();
    }

    public static ProcessId idOf(int pid) {
        return PROC.process(pid)
                .map(p -> new ProcessId(pid, engineStartTime(p)))
                .orElseThrow(() -> new AssertionError("pid " + pid + " is gone"));
    }

    private static long engineStartTime(ProcessInfo row) {
        return ENGINE_READS_PROC
                ? row.startTime()
                : ProcessHandle.of(row.pid())
                        .flatMap(handle -> handle.info().startInstant())
                        .map(java.time.Instant::toEpochMilli)
                        .orElse(-1L);
    }

    /** Live processes whose environment has {@code name=value}. */
    public static List<ProcessInfo> carrying(String name, String value) {
        List<ProcessInfo> found = new ArrayList<>();
        for (ProcessInfo process : PROC.snapshot().all()) {
            if (!process.isDead()
                    && PROC.environmentVariable(process.pid(), name)
                            .filter(value::equals)
                            .isPresent()) {
                found.add(process);
            }
        }
        return found;
    }

    /** Polls a condition every few milliseconds until it holds; fails with {@code what} after {@code limit}. */
    public static void await(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        long pause = 1;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out after " + limit + " waiting for: " + what);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for: " + what);
            }
            pause = Math.min(pause * 2, 20);
        }
    }

    /** Waits until none of the processes is alive, or fails naming the survivors. */
    public static void awaitAllDead(Collection<ProcessId> ids, Duration limit) {
        List<ProcessId> alive = new ArrayList<>(ids);
        try {
            await("all of " + ids.size() + " processes dead", limit, () -> {
                alive.removeIf(id -> !isAlive(id));
                return alive.isEmpty();
            });
        } catch (AssertionError timedOut) {
            fail("Still alive after " + limit + ": " + describe(alive));
        }
    }

    public static String describe(Collection<ProcessId> ids) {
        return ids.stream()
                .map(id -> id.pid() + " " + PROC.commandLine(id.pid()))
                .collect(Collectors.joining(", "));
    }

    /** Waits until a file written by a test script has at least {@code count} non-empty lines, and returns them. */
    public static List<String> awaitLines(Path file, int count, Duration limit) {
        await(count + " lines in " + file, limit, () -> readLines(file).size() >= count);
        return readLines(file);
    }

    /** The pids a test script recorded, one per line, as ids (start times read now, while they run). */
    public static List<ProcessId> awaitPids(Path file, int count, Duration limit) {
        List<ProcessId> ids = awaitLines(file, count, limit).stream()
                .map(l -> idOf(Integer.parseInt(l.trim())))
                .toList();
        WITNESSED.addAll(ids);
        return ids;
    }

    /** The processes tests of this JVM learned of through pid files that still run (by pid and start time). */
    public static List<ProcessId> witnessedAlive() {
        return WITNESSED.stream().filter(Os::isAlive).toList();
    }

    public static List<String> readLines(Path file) {
        try {
            return Files.exists(file)
                    ? Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                            .filter(l -> !l.isBlank())
                            .toList()
                    : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    public static ProcessTable snapshot() {
        return PROC.snapshot();
    }
}
