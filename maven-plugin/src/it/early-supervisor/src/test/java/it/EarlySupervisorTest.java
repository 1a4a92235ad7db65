package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EarlySupervisorTest {

    /** Runs in the test phase, before pre-integration-test: tether:start has not run yet. */
    @Test
    void theSupervisorRunsBeforeTetherStartOnlyWhenTheBuildWillReachIt() throws Exception {
        Set<String> ancestors = ProcessHandle.current().parent().stream()
                .flatMap(p -> java.util.stream.Stream.iterate(Optional.of(p), Optional::isPresent, o -> o.get().parent())
                        .map(Optional::get))
                .map(p -> Long.toString(p.pid()))
                .collect(Collectors.toSet());
        if (Boolean.getBoolean("expect.early")) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (supervisorsOf(ancestors).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50); // waiting for the background start the build began
            }
            assertEquals(1, supervisorsOf(ancestors).size(), "the build's supervisor, started early");
        } else {
            assertTrue(supervisorsOf(ancestors).isEmpty(), "a build that ends at 'test', or whose POM skips the plugin, starts no supervisor");
        }
    }

    /** Pids of processes whose TETHER_SUPERVISOR names one of {@code owners} (the Maven JVM is one). */
    private static List<String> supervisorsOf(Set<String> owners) throws IOException {
        List<String> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Paths.get("/proc"), "[0-9]*")) {
            for (Path entry : entries) {
                try {
                    for (String variable : new String(Files.readAllBytes(entry.resolve("environ")), StandardCharsets.UTF_8)
                            .split("\u0000")) {
                        if (variable.startsWith("TETHER_SUPERVISOR=")
                                && owners.contains(variable.substring("TETHER_SUPERVISOR=".length()))) {
                            found.add(entry.getFileName().toString());
                        }
                    }
                } catch (IOException e) {
                    // gone, or another user's
                }
            }
        }
        return found;
    }
}
