package dev.tether.killer.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class SupervisorStartupTest {
    /**
     * The supervisor tells JNA these directories instead of letting it run {@code ldconfig -p}: the C library this
     * very JVM runs on must be in one of them, or a JNA that had to search would not find it.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void theLibraryDirectoriesGivenToJnaHoldTheCLibraryThisJvmUses() throws Exception {
        Optional<Path> libc = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .filter(path -> path.matches(".*/libc(\\.so\\.6|\\.musl-.*|-2\\.\\d+\\.so)$"))
                .map(Path::of)
                .findFirst();
        assertTrue(libc.isPresent(), "no C library in /proc/self/maps");

        List<String> directories = SupervisorStartup.linuxLibraryDirectories();

        Path name = libc.get().getFileName();
        assertTrue(
                directories.stream()
                        .map(dir -> Path.of(dir).resolve(name))
                        .anyMatch(candidate -> sameFile(candidate, libc.get())),
                libc.get() + " is in none of " + directories);
        assertTrue(directories.stream().allMatch(dir -> Files.isDirectory(Path.of(dir))), directories.toString());
    }

    private static boolean sameFile(Path candidate, Path libc) {
        try {
            return Files.exists(candidate) && Files.isSameFile(candidate, libc);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
