package dev.tether.killer.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.InvalidSpecException;
import dev.tether.killer.SupervisorException;
import dev.tether.killer.client.TreeSpec;
import dev.tether.killer.testing.Os;
import dev.tether.killer.testing.SupervisorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is a clear error before anything runs, and leaves nothing running. */
@EnabledOnOs(OS.LINUX)
class BadInputIT {
    @RegisterExtension
    static final SupervisorExtension SUPERVISOR = new SupervisorExtension();

    @TempDir
    Path dir;

    @Test
    void missingCommandNamesWhatWasSearched() {
        TreeSpec spec = TreeSpec.of("web", List.of("pyhton3", "-m", "http.server"), dir, dir.resolve("web.log"))
                .withEnvironment(Map.of("PATH", "/usr/local/bin:/usr/bin"));
        InvalidSpecException error =
                assertThrows(InvalidSpecException.class, () -> SUPERVISOR.get().spawn(spec));
        assertTrue(error.getMessage().contains("'pyhton3' was not found on PATH"), error.getMessage());
        assertTrue(error.getMessage().contains("/usr/local/bin, /usr/bin"), error.getMessage());
        assertTrue(Files.notExists(dir.resolve("web.log")), "nothing may have started");
    }

    @Test
    void nonExecutableFileSaysHowToFixIt() throws Exception {
        Path script = Files.writeString(dir.resolve("server.sh"), "#!/bin/sh\nsleep 300\n");
        TreeSpec spec = TreeSpec.of("web", List.of("./server.sh"), dir, dir.resolve("web.log"));
        InvalidSpecException error =
                assertThrows(InvalidSpecException.class, () -> SUPERVISOR.get().spawn(spec));
        assertTrue(error.getMessage().contains("is not executable"), error.getMessage());
        assertTrue(error.getMessage().contains("chmod +x " + script), error.getMessage());
    }

    @Test
    void missingWorkingDirectoryIsNamed() {
        Path missing = dir.resolve("nope");
        TreeSpec spec = TreeSpec.of("web", List.of("sleep", "300"), missing, dir.resolve("web.log"));
        InvalidSpecException error =
                assertThrows(InvalidSpecException.class, () -> SUPERVISOR.get().spawn(spec));
        assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
    }

    @Test
    void duplicateIdIsRefusedAndTheFirstKeepsRunning() {
        TreeSpec spec = TreeSpec.of("twice", List.of("sleep", "300"), dir, dir.resolve("twice.log"));
        var first = SUPERVISOR.get().spawn(spec);
        try {
            SupervisorException error = assertThrows(
                    SupervisorException.class, () -> SUPERVISOR.get().spawn(spec));
            assertTrue(error.getMessage().contains("'twice' is already running"), error.getMessage());
            assertTrue(Os.isAlive(first.leader()));
            assertTrue(Os.carrying("TETHER_FIXTURE", first.cookie()).size() == 1, "exactly one sleep runs");
        } finally {
            assertTrue(first.stop().isClean());
        }
    }

    @Test
    void blankCommandIsRefused() {
        InvalidSpecException error = assertThrows(
                InvalidSpecException.class, () -> TreeSpec.of("web", List.of(), dir, dir.resolve("web.log")));
        assertTrue(error.getMessage().contains("Fixture 'web' has no command"), error.getMessage());
    }
}
