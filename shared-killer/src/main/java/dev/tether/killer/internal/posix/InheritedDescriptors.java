package dev.tether.killer.internal.posix;

import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Closing inherited descriptors in a spawned child where the libc has no closefrom action (glibc before 2.34). */
final class InheritedDescriptors {
    /** How far above the highest open descriptor closes are added, for files other threads open meanwhile. */
    private static final int CONCURRENT_OPEN_MARGIN = 64;

    private InheritedDescriptors() {}

    /**
     * Without addclosefrom_np: a close action for every descriptor that is open now, and for every number up to
     * {@link #CONCURRENT_OPEN_MARGIN} above the highest. Other supervisor threads open files while this spawn is
     * prepared (the ledger, /proc reads); the kernel gives each new one the lowest free number, so they land in
     * that range and are not inherited either. Closing a number that is not open is ignored by the child.
     */
    static void addCloseEveryDescriptor(PosixLibC libc, Pointer fileActions) throws SpawnException {
        List<Integer> open = openDescriptorsFrom(3);
        int highest = open.stream().mapToInt(Integer::intValue).max().orElse(2);
        for (int fd = 3; fd <= highest; fd++) {
            NativePosix.check(libc, "addclose " + fd, libc.posix_spawn_file_actions_addclose(fileActions, fd));
        }
        for (int fd = highest + 1; fd <= highest + CONCURRENT_OPEN_MARGIN; fd++) {
            if (libc.posix_spawn_file_actions_addclose(fileActions, fd) != 0) {
                break; // past the descriptor limit: no file can be open there
            }
        }
    }

    /** This process's open descriptors from {@code from} up, as /proc lists them (glibc before 2.34). */
    private static List<Integer> openDescriptorsFrom(int from) throws SpawnException {
        List<Integer> fds = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Paths.get("/proc/self/fd"))) {
            for (Path entry : entries) {
                int fd = Integer.parseInt(entry.getFileName().toString());
                if (fd >= from) {
                    fds.add(fd); // includes the listing's own descriptor, closed by then: close ignores EBADF
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new SpawnException(PosixMessages.cannotListDescriptors(String.valueOf(e)));
        }
        return fds;
    }
}
