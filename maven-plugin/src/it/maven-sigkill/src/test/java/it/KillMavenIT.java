package it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KillMavenIT {
    @Test
    void killMavenWhileTheServersRun() throws Exception {
        ProcessHandle maven = mavenAncestor().orElseThrow(() -> new AssertionError("no Maven JVM above this fork"));
        Files.writeString(Path.of("target", "maven.pid"), Long.toString(maven.pid()));
        Files.writeString(Path.of("target", "web.port"), System.getProperty("web.port"));
        new ProcessBuilder("kill", "-9", Long.toString(maven.pid())).inheritIO().start().waitFor();
    }

    /** The failsafe fork runs under a shell under Maven: find the JVM running Maven's launcher. */
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
