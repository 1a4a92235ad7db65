package dev.tether.killer.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.SupervisorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The safety rule of the private state directory, on real files of this user and on made-up lstat results. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class StateDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void aMissingDirectoryIsCreatedPrivate() throws Exception {
        Path state = dir.resolve("tether-x");

        StateDirectory.at(state);

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
    }

    @Test
    void aSymlinkIsRefusedEvenWhenItPointsAtAGoodDirectory() throws Exception {
        Path target = Files.createDirectory(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("tether-link"), target);

        SupervisorException e = assertThrows(SupervisorException.class, () -> StateDirectory.at(link));

        assertTrue(e.getMessage().contains("not a directory but a symbolic link"), e.getMessage());
        assertTrue(e.getMessage().contains(link.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("-Dtether.stateDirectory"), e.getMessage());
    }

    @Test
    void aDirectoryOthersCanWriteIsRefused() throws Exception {
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));

        SupervisorException e = assertThrows(SupervisorException.class, () -> StateDirectory.at(open));

        assertTrue(e.getMessage().contains("others can write into it (mode 0777)"), e.getMessage());
    }

    @Test
    void anotherUsersDirectoryIsRefusedNamingItsOwnerAndMode() {
        StateDirectory state = new StateDirectory(Paths.get("/tmp/tether-0"), 0);

        SupervisorException e = assertThrows(
                SupervisorException.class, () -> state.check(Optional.of(new FileOwnership(1001, 0040700))));

        assertTrue(e.getMessage().contains("belongs to uid 1001, not to you (uid 0), mode 0700"), e.getMessage());
        assertTrue(e.getMessage().contains("rm -rf /tmp/tether-0"), e.getMessage());
    }

    @Test
    void theLocationFollowsThePropertyThenXdgThenTheTempDirectory() {
        Properties properties = new Properties();
        properties.setProperty("java.io.tmpdir", "/var/tmp");
        assertEquals(
                Paths.get("/var/tmp", "tether-" + CurrentUser.uid()),
                StateDirectory.defaultLocation(
                        properties,
                        Map.of("XDG_RUNTIME_DIR", dir.resolve("nope").toString())));
        assertEquals(
                dir.resolve("tether"),
                StateDirectory.defaultLocation(properties, Map.of("XDG_RUNTIME_DIR", dir.toString())));
        properties.setProperty(StateDirectory.PROPERTY, "/somewhere/mine");
        assertEquals(Paths.get("/somewhere/mine"), StateDirectory.defaultLocation(properties, Map.of()));
    }
}
