package it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Ends the Maven build that runs the calling IT, while its servers run, the way a user or a CI runner does. */
public final class MavenEnding {
    private MavenEnding() {}

    /**
     * Sends {@code signal} (KILL, INT for Ctrl-C, TERM) to the Maven JVM above this failsafe fork and waits until it
     * is gone; records its pid and the server's port in target/ for the post-build script.
     */
    public static void signal(String signal) throws IOException, InterruptedException {
        ProcessHandle maven = mavenAncestor().orElseThrow(() -> new AssertionError("no Maven JVM above this fork"));
        if (ignores(maven.pid(), signal)) {
            // A command started in the background of a non-interactive shell inherits SIGINT ignored, and the JVM
            // then installs no handler: Ctrl-C could not end this Maven either, and waiting would hang the build.
            throw new AssertionError("Maven (pid " + maven.pid() + ") ignores SIG" + signal + ", inherited from the"
                    + " shell that started the build in the background; run the build in the foreground");
        }
        Files.writeString(Path.of("target", "maven.pid"), Long.toString(maven.pid()));
        Files.writeString(Path.of("target", "web.port"), System.getProperty("web.port"));
        new ProcessBuilder("kill", "-" + signal, Long.toString(maven.pid())).inheritIO().start().waitFor();
        maven.onExit().join(); // the build ends here, before the test could and before tether:stop
    }

    /** Whether {@code pid}'s SigIgn mask in /proc has {@code signal} (INT or TERM; KILL cannot be ignored). */
    private static boolean ignores(long pid, String signal) throws IOException {
        int number = switch (signal) {
            case "INT" -> 2;
            case "TERM" -> 15;
            default -> 0;
        };
        if (number == 0) {
            return false;
        }
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << (number - 1))) != 0;
            }
        }
        return false;
    }

    /** The failsafe fork runs under a shell under Maven: the JVM running Maven's launcher. */
    private static Optional<ProcessHandle> mavenAncestor() throws IOException {
        for (Optional<ProcessHandle> p = ProcessHandle.current().parent(); p.isPresent(); p = p.get().parent()) {
            Path cmdline = Path.of("/proc", Long.toString(p.get().pid()), "cmdline");
            if (new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).contains("classworlds")) {
                return p;
            }
        }
        return Optional.empty();
    }
}
