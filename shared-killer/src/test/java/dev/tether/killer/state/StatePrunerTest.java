package dev.tether.killer.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state directory stays bounded; what is in use stays. Real files in a temp directory. */
class StatePrunerTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void keepsTheNewestLogsAndEveryLogOfALiveOwner(@TempDir Path root) throws IOException {
        int count = StatePruner.KEEP_LOGS + 20;
        for (int i = 0; i < count; i++) {
            // owner pid 1000 + i; the oldest has the smallest i
            touch(root.resolve("supervisor-" + (1000 + i) + "-77.log"), NOW.minusSeconds(count - i));
        }
        Set<Integer> alive = Set.of(1000); // the oldest log's owner still runs
        int removed = new StatePruner(root, alive::contains).prune(NOW);

        assertEquals(19, removed, "20 beyond the cap, one of them kept for its live owner");
        assertTrue(Files.exists(root.resolve("supervisor-1000-77.log")), "a live owner's log is never removed");
        assertFalse(Files.exists(root.resolve("supervisor-1001-77.log")));
        assertTrue(Files.exists(root.resolve("supervisor-" + (1000 + count - 1) + "-77.log")), "the newest stays");
    }

    @Test
    void removesWhatWasUnusedForLongEvenBelowTheCap(@TempDir Path root) throws IOException {
        Path old = root.resolve("jna-aaaa-linux-x86-64");
        Files.createDirectory(old);
        touch(old.resolve("libjnidispatch.so"), NOW);
        Files.setLastModifiedTime(
                old, FileTime.from(NOW.minus(StatePruner.UNUSED_FOR).minus(Duration.ofHours(1))));
        Path recent = Files.createDirectory(root.resolve("jna-bbbb-linux-x86-64"));
        Files.setLastModifiedTime(recent, FileTime.from(NOW.minus(Duration.ofDays(1))));
        Path archive = Files.createDirectory(root.resolve("cds")).resolve("supervisor-1.jsa");
        touch(archive, NOW.minus(Duration.ofDays(30)));

        new StatePruner(root, pid -> false).prune(NOW);

        assertFalse(Files.exists(old), "a library directory unused for 14 days goes, with its content");
        assertTrue(Files.exists(recent));
        assertFalse(Files.exists(archive));
    }

    @Test
    void capsLibrariesAndArchivesByCount(@TempDir Path root) throws IOException {
        Files.createDirectory(root.resolve("cds"));
        for (int i = 0; i < 10; i++) {
            Path library = Files.createDirectory(root.resolve("jna-" + i + "-linux-x86-64"));
            Files.setLastModifiedTime(library, FileTime.from(NOW.minusSeconds(100 - i)));
            touch(root.resolve("cds").resolve("supervisor-" + i + ".jsa"), NOW.minusSeconds(100 - i));
        }
        Path unrelated = root.resolve("ledgers");
        Files.createDirectory(unrelated);

        new StatePruner(root, pid -> false).prune(NOW);

        try (var libraries = Files.list(root)) {
            assertEquals(
                    StatePruner.KEEP_LIBRARIES,
                    libraries
                            .filter(p -> p.getFileName().toString().startsWith("jna-"))
                            .count());
        }
        assertTrue(Files.exists(root.resolve("jna-9-linux-x86-64")), "the newest, the one in use, stays");
        try (var archives = Files.list(root.resolve("cds"))) {
            assertEquals(StatePruner.KEEP_ARCHIVES, archives.count());
        }
        assertTrue(Files.isDirectory(unrelated), "only what the pruner owns is touched");
    }

    private static void touch(Path file, Instant time) throws IOException {
        Files.writeString(file, "x");
        Files.setLastModifiedTime(file, FileTime.from(time));
    }
}
