package dev.tether.killer.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.client.SpawnedTree;
import dev.tether.killer.client.TreeSpec;
import dev.tether.killer.testing.Os;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** A fixture that floods its output cannot fill the disk: its log is truncated at the limit, with a note. */
@EnabledOnOs(OS.LINUX)
class LogCapIT {
    @Test
    void yesAsAFixtureIsKeptUnderTheLimit(@TempDir Path dir, @TempDir Path ledgers) throws Exception {
        System.setProperty("tether.logLimit", "1m");
        ProcessSupervisor supervisor;
        try {
            supervisor = ProcessSupervisor.launch(ledgers);
        } finally {
            System.clearProperty("tether.logLimit");
        }
        Path log = dir.resolve("yes.log");
        try (supervisor;
                SpawnedTree tree = supervisor.spawn(TreeSpec.of("yes", List.of("yes", "flood"), dir, log))) {
            Os.await(
                    "the log to be truncated with a note",
                    Duration.ofSeconds(30),
                    () -> firstLine(log).startsWith("[tether] this log passed 1 MiB"));

            assertTrue(tree.stop().isClean());
        }
        // `yes` writes hundreds of MB a second; without the cap this file would be far past 1 MiB by now.
        assertTrue(Files.size(log) < (64L << 20), "the log grew to " + Files.size(log) + " bytes");
    }

    private static String firstLine(Path log) {
        try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            return "";
        }
    }
}
