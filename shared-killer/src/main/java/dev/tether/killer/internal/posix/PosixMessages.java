package dev.tether.killer.internal.posix;

import java.nio.file.Path;
import java.util.List;

/** What is said when the OS refuses a spawn, or cannot host the supervisor at all, and what to do about it. */
public final class PosixMessages {
    private PosixMessages() {}

    public static String unsupportedOs(String os) {
        return "Tether's supervisor needs Linux or macOS; this is '" + os + "'. Windows support (Job Objects) is"
                + " planned; until then run the build in WSL 2 or a Linux container.";
    }

    public static String spawnFailed(
            List<String> argv, Path directory, String error, int errno, String executable, Path log) {
        return "Cannot start " + argv + " in " + directory + ": " + error + " (errno " + errno + "). Check that '"
                + executable + "' is an executable for this machine, the directory exists and the log file " + log
                + " is writable.";
    }

    public static String libcLacks(String spawnPath, String missing) {
        return "Cannot spawn with " + spawnPath + ": this libc lacks " + missing + ". Tether needs glibc 2.17+ or a"
                + " POSIX libc with posix_spawn; run the build with -Dtether.spawn=fallback to avoid the newer"
                + " additions, and report the libc version.";
    }

    public static String cannotEnterDirectory(Path directory, String error) {
        return "Cannot enter the working directory " + directory + ": " + error + ". Check that it exists and is"
                + " searchable by this user.";
    }

    public static String cannotListDescriptors(String error) {
        return "Cannot list /proc/self/fd to close inherited descriptors (" + error + "); a fixture would inherit"
                + " the supervisor's pipe. Check that /proc is mounted.";
    }
}
