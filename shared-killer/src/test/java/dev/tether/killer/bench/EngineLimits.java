package dev.tether.killer.bench;

import dev.tether.killer.internal.posix.NativePosix;
import dev.tether.killer.process.Delivery;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.Signal;
import dev.tether.killer.testing.ChildOwner;
import dev.tether.killer.testing.Os;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What this machine itself charges for the engine's absolute targets, measured beside Tether's figures in the same
 * run: each is printed under its figure with "limit" for target, so a target the machine misses by itself reads
 * apart from one Tether misses. Each does the least the figure's work needs, from this warm JVM, with every pid
 * already known: no discovery, no second process, no verification.
 */
final class EngineLimits {
    static final String TARGET = "limit";

    /** Not a signal a stop policy may name, so not in {@link Signal}; the benchmark runs on Linux only. */
    private static final int SIGSTOP = 19;

    private static final Duration LIMIT = Duration.ofSeconds(10);

    /** The engine's kill(2), which takes a negative pid (a process group): the JDK offers no way to signal one. */
    private static final NativePosix POSIX = NativePosix.get();

    private EngineLimits() {}

    /**
     * The supervisor's own command line as /proc shows it, with {@link HelloJvm} for its main class and without its
     * class-data archive (an archive of the supervisor's classes, which a hello world does not load).
     */
    static List<String> helloCommand(long supervisorPid) throws IOException {
        String cmdline = Files.readString(Paths.get("/proc", Long.toString(supervisorPid), "cmdline"));
        List<String> supervisor = Arrays.asList(cmdline.split("\0"));
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Paths.get("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid"); // as the supervisor is launched, in a session of its own
        }
        for (String word : supervisor.subList(0, supervisor.indexOf("-cp"))) {
            if (!word.startsWith("-XX:SharedArchiveFile=")) {
                command.add(word);
            }
        }
        command.addAll(List.of("-cp", Os.classPathEntryOf(HelloJvm.class).toString(), HelloJvm.class.getName()));
        return command;
    }

    /** One hello-world start: from ProcessBuilder.start() until its line is read; then its VmRSS, then its exit. */
    static void helloStart(List<String> command, Figures start, Figures rss) throws Exception {
        long begun = System.nanoTime();
        Process jvm = startMarked(new ProcessBuilder(command));
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            start.addNanosAsMillis(System.nanoTime() - begun);
            if (!"hello".equals(line)) {
                throw new AssertionError("the hello-world JVM said " + line + ": " + command);
            }
            rss.add(EngineBenchmark.residentMegabytes(jvm.pid()));
        } finally {
            jvm.getOutputStream().close();
            jvm.waitFor();
        }
    }

    /**
     * The benchmark's 10-process tree in a session of its own, started by this JVM: from one kill(2) of its group
     * until every member is dead.
     */
    static void treeTermedAsGroup(String script, Figures stop) throws Exception {
        Process shell = startMarked(new ProcessBuilder("/usr/bin/setsid", "/bin/sh", "-c", script)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD));
        try {
            Os.await(
                    "9 sleeps under the limit's shell",
                    LIMIT,
                    () -> shell.descendants().count() == 9);
            List<ProcessId> members = new ArrayList<>();
            members.add(Os.idOf((int) shell.pid()));
            shell.descendants().forEach(p -> members.add(Os.idOf((int) p.pid())));
            long begun = System.nanoTime();
            if (POSIX.signal((int) -shell.pid(), Signal.TERM.number()) != Delivery.SENT) {
                throw new AssertionError(
                        "kill(-" + shell.pid() + ", TERM) failed: was setsid's shell not its group's leader?");
            }
            EngineBenchmark.awaitAllDeadClosely(members, LIMIT);
            stop.addNanosAsMillis(System.nanoTime() - begun);
        } finally {
            POSIX.signal(
                    (int) -shell.pid(),
                    Signal.KILL.number()); // the sleeps too, should the wait have failed: ESRCH once all died
            shell.destroyForcibly();
            shell.waitFor();
        }
    }

    /** Starts a process carrying the test marker (the suite's end checks none is left), its stderr discarded. */
    static Process startMarked(ProcessBuilder builder) throws IOException {
        builder.environment().put(Os.TEST_MARKER, "limit");
        return builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /**
     * The owner benchmark's JVM and trees, with its supervisor held stopped: from the SIGKILL until this JVM has read
     * the end of the owner's stdout (the kernel closes a dying process's pipes at one moment, the supervisor's stdin
     * among them), sent TERM to the 11 known pids and seen every one dead. Then the supervisor resumes, finds
     * nothing left, and exits.
     */
    static void ownerKilled(Path runDir, Path ledgers, Figures kill) throws Exception {
        try (ChildOwner owner = new ChildOwner(runDir, ledgers)) {
            POSIX.signal(owner.supervisorPid, SIGSTOP);
            try {
                InputStream ownerOut = owner.jvm.getInputStream();
                long begun = System.nanoTime();
                POSIX.signal(
                        (int) owner.jvm.pid(),
                        Signal.KILL.number()); // not destroyForcibly(): it closes the stream read next
                while (ownerOut.read() != -1) {
                    // the owner prints nothing after READY: this is the wait for the pipe's end
                }
                for (ProcessId member : owner.fixtures) {
                    POSIX.signal(member.pid(), Signal.TERM.number());
                }
                EngineBenchmark.awaitAllDeadClosely(owner.fixtures, LIMIT);
                kill.addNanosAsMillis(System.nanoTime() - begun);
            } finally {
                POSIX.resume(owner.supervisorPid);
            }
        }
    }
}
