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
        Files.writeString(Path.of("target", "maven.pid"), Long.toString(maven.pid()));
        Files.writeString(Path.of("target", "web.port"), System.getProperty("web.port"));
        new ProcessBuilder("kill", "-" + signal, Long.toString(maven.pid())).inheritIO().start().waitFor();
        maven.onExit().join(); // the build ends here, before the test could and before tether:stop
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
