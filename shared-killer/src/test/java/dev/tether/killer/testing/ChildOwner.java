package dev.tether.killer.testing;

import dev.tether.killer.process.ProcessId;
import dev.tether.killer.supervisor.LedgerMembers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Runs {@link OwnerMain} in a JVM of its own and collects the pids of everything it started. */
public final class ChildOwner implements AutoCloseable {
    private static final Duration SETTLE = Duration.ofSeconds(20);

    public final Process jvm;
    public final int supervisorPid;
    public final List<ProcessId> fixtures = new ArrayList<>();
    /** Its identity as /proc shows it, which (unlike a ProcessHandle) tells a zombie from a running process. */
    private final Optional<ProcessId> supervisorId;

    public ChildOwner(Path dir, Path ledgers) throws IOException {
        this(dir, ledgers, System.getProperty("java.class.path"), List.of());
    }

    /**
     * An owner JVM with its own class path (e.g. the engine from a jar the test then damages) and options of its
     * own.
     */
    public ChildOwner(Path dir, Path ledgers, String classPath, List<String> jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, OwnerMain.class.getName(), dir.toString(), ledgers.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(dir.resolve("owner.err").toFile());
        builder.environment().put(Os.TEST_MARKER, "owner");
        jvm = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        int supervisor = -1;
        for (String line; (line = out.readLine()) != null && !line.equals("READY"); ) {
            if (line.startsWith("SUPERVISOR ")) {
                supervisor = Integer.parseInt(line.substring(11));
            }
        }
        if (supervisor < 0) {
            jvm.destroyForcibly();
            throw new AssertionError("the owner JVM did not start its trees; see " + dir.resolve("owner.err"));
        }
        supervisorPid = supervisor;
        supervisorId = identityOf(supervisor);
        fixtures.addAll(Os.awaitPids(dir.resolve("wrapper-chain.sh/pids"), 8, SETTLE));
        fixtures.addAll(Os.awaitPids(dir.resolve("scrubbed-daemon.sh/pids"), 1, SETTLE));
        fixtures.addAll(Os.awaitPids(dir.resolve("setsid-child.sh/pids"), 2, SETTLE));
    }

    /**
     * Waits for the guarantee that holds once a launcher has exited: what it left is in the ledger, by pid and
     * start time (a member or an unclaimed orphan), or inside a fixture cgroup the ledger names. Only then can
     * anyone but the supervisor find a daemon that scrubbed its environment.
     */
    public void awaitEverythingInLedger(Path ledgers) {
        Path ledger = ledgers.resolve("supervisor-" + supervisorPid + ".ledger");
        List<ProcessId> missing = new ArrayList<>(fixtures);
        try {
            awaitInLedger(ledger, missing);
        } catch (AssertionError timedOut) {
            throw new AssertionError("Not in the ledger after " + SETTLE + ": " + Os.describe(missing) + "\nLedger:\n"
                    + String.join("\n", Os.readLines(ledger)));
        }
    }

    private static void awaitInLedger(Path ledger, List<ProcessId> missing) {
        Os.await("every process in the ledger", SETTLE, () -> {
            List<String> lines = Os.readLines(ledger);
            Set<Integer> inRecordedCgroups = new HashSet<>();
            for (String line : lines) {
                String[] fields = line.split(" ");
                if (fields[0].equals("fixture") && fields.length > 4 && !fields[4].equals("-")) {
                    inRecordedCgroups.addAll(LedgerMembers.pidsInCgroup(Path.of(fields[4])));
                }
            }
            String text = String.join("\n", lines);
            missing.removeIf(id -> text.contains(" " + id) || inRecordedCgroups.contains(id.pid()));
            return missing.isEmpty();
        });
    }

    private static Optional<ProcessId> identityOf(int pid) {
        try {
            return Optional.of(Os.idOf(pid));
        } catch (AssertionError gone) {
            return Optional.empty(); // ended already: nothing to wait for
        }
    }

    /**
     * Whatever the test's outcome, nothing this owner started may outlive the test: kill by recorded pid. The
     * supervisor, left by its owner, is waited for too: it still deletes its ledger and lock files after the trees
     * are dead, and a test's temporary directory removed meanwhile may fail to close.
     */
    @Override
    public void close() {
        jvm.destroyForcibly();
        for (ProcessId id : fixtures) {
            if (Os.isAlive(id)) {
                ProcessHandle.of(id.pid()).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        // Not onExit(): for a process that is not our child it polls 300, 330, 360 .. ms apart, and counts the
        // supervisor alive until pid 1 reaps it (here up to 1.5 s after its exit).
        supervisorId.ifPresent(supervisor -> {
            try {
                Os.await("the supervisor's exit after its owner's", SETTLE, () -> !Os.isAlive(supervisor));
            } catch (AssertionError outlivedItsOwner) {
                if (Os.isAlive(supervisor)) { // by identity, as the fixtures above: never a reused pid
                    ProcessHandle.of(supervisor.pid()).ifPresent(ProcessHandle::destroyForcibly);
                }
                throw new AssertionError("supervisor " + supervisorPid + " outlived its owner", outlivedItsOwner);
            }
        });
    }
}
