package dev.tether.junit.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.junit.Fixture;
import dev.tether.junit.ManagedProcess;
import dev.tether.junit.ProcessFixture;
import dev.tether.junit.Ready;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

public class OneshotTestCases {
    /** The seed runs to completion first; the app, which needs it, sees its output at start. */
    @Test
    @ManagedProcess(
            id = "seed",
            command = "sh -c 'echo seeded > target/oneshot-seeded'",
            oneshot = true,
            ready = @Ready(timeout = "20s"))
    @ManagedProcess(
            id = "app",
            command = "sh -c 'cat target/oneshot-seeded; exec sleep 300'",
            needs = "seed",
            ready = @Ready(log = "seeded", timeout = "20s"))
    void theTaskCompletedBeforeTheAppStarted(@Fixture("app") ProcessFixture app) throws IOException {
        Seen.PIDS.add(app.pid());
        assertEquals(
                "seeded", Files.readString(Path.of("target/oneshot-seeded")).trim());
    }

    @Test
    @ManagedProcess(id = "seed", command = "sh -c 'echo seed failed: no database; exit 4'", oneshot = true)
    void aFailedTaskFailsTheTest() {}
}
