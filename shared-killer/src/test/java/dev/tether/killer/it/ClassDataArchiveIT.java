package dev.tether.killer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.testing.Os;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor starts from a class-data archive of its own once one was dumped: the path every user of the
 * plugin and the extension takes (Failsafe, like Maven and Surefire, runs the engine from its jar). Checked in
 * what the kernel shows: the archive named on the supervisor's command line is mapped into it, and the JDK's
 * default archive is not, as the archive is a static one holding every class the supervisor loads.
 */
@EnabledOnOs(OS.LINUX)
class ClassDataArchiveIT {
    private static final Duration DUMP_LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path ledgers;

    @Test
    void aLaterSupervisorMapsTheArchiveAnEarlierOneDumped() throws Exception {
        Path engine = Os.classPathEntryOf(ProcessSupervisor.class);
        assertTrue(engine.toString().endsWith(".jar"), "Failsafe runs the engine from its jar, as users do: " + engine);
        AtomicReference<Path> archive = new AtomicReference<>();
        Os.await("a supervisor started with the archive the first one dumped in the background", DUMP_LIMIT, () -> {
            try (ProcessSupervisor supervisor = ProcessSupervisor.launch(ledgers)) {
                Optional<Path> named = Os.classDataArchiveOf(supervisor.pid());
                named.ifPresent(archive::set);
                if (named.isPresent()) {
                    java.util.List<String> mapped = mappedFiles(supervisor.pid());
                    assertTrue(
                            mapped.contains(named.get().toString()),
                            "supervisor " + supervisor.pid() + " maps " + named.get() + ": " + mapped);
                    assertFalse(
                            mapped.stream().anyMatch(file -> file.endsWith("/lib/server/classes.jsa")),
                            "supervisor " + supervisor.pid() + " maps only its own archive: " + mapped);
                }
                return named.isPresent();
            }
        });
        assertTrue(Files.isRegularFile(archive.get()), "the archive stays where it was dumped: " + archive.get());
    }

    @Test
    void withTheSwitchOffTheSupervisorStartsWithoutAnArchive() {
        System.setProperty("tether.supervisor.archive", "off");
        try (ProcessSupervisor supervisor = ProcessSupervisor.launch(ledgers)) {
            assertEquals(Optional.empty(), Os.classDataArchiveOf(supervisor.pid()), "the supervisor's archive option");
        } finally {
            System.clearProperty("tether.supervisor.archive");
        }
    }

    /** The paths in /proc/PID/maps: the sixth column, where there is one. */
    private static java.util.List<String> mappedFiles(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/maps")).stream()
                    .map(line -> line.split("\\s+", 6))
                    .filter(columns -> columns.length == 6)
                    .map(columns -> columns[5].trim())
                    .toList();
        } catch (IOException e) {
            throw new AssertionError("cannot read the mappings of supervisor " + pid, e);
        }
    }
}
