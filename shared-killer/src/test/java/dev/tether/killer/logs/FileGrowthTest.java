package dev.tether.killer.logs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.testing.Os;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Real writers (a shell appending to a file): a wait on a file ends on its write, not on a sibling's. */
@EnabledOnOs(OS.LINUX) // where the JDK's WatchService is inotify; elsewhere of() is empty and callers poll
class FileGrowthTest {
    private static final long A_MINUTE = Duration.ofMinutes(1).toNanos();

    @Test
    void aWriteToTheFileByAnotherProcessEndsTheWait(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("web.log");
        try (FileGrowth growth = FileGrowth.of(List.of(log)).orElseThrow()) {
            Process writer = shell("sleep 0.2; echo started >> " + log);

            assertTrue(growth.await(A_MINUTE), "the file's creation and write were reported");
            assertTrue(writer.waitFor(1, TimeUnit.MINUTES));
            assertTrue(Files.readString(log).contains("started"));
        }
    }

    @Test
    void writesToAnotherFileOfTheDirectoryDoNotEndTheWait(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("web.log");
        Path sibling = dir.resolve("db.log");
        try (FileGrowth growth = FileGrowth.of(List.of(log)).orElseThrow()) {
            Process writer = shell("for i in 1 2 3 4 5 6 7 8; do echo x >> " + sibling + "; sleep 0.05; done");

            boolean woken = growth.await(Duration.ofSeconds(1).toNanos());

            assertTrue(writer.waitFor(1, TimeUnit.MINUTES));
            assertFalse(woken, "a sibling's log woke the wait");
            assertTrue(Files.size(sibling) > 0, "the sibling was written during the wait");
        }
    }

    @Test
    void aMissingDirectoryGivesNoWatchSoTheCallerPolls(@TempDir Path dir) {
        assertTrue(FileGrowth.of(List.of(dir.resolve("not-yet/app.pid"))).isEmpty());
    }

    private static Process shell(String script) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", script);
        builder.environment().put(Os.TEST_MARKER, "file-growth");
        return builder.start();
    }
}
