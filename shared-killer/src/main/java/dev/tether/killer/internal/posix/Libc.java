package dev.tether.killer.internal.posix;

import com.sun.jna.NativeLibrary;
import dev.tether.killer.process.OperatingSystem;

/**
 * The C library of this machine and which of its newer spawn additions may be used.
 *
 * @param linux the same library with the Linux-only calls, or null elsewhere
 * @param hasCloseFrom glibc 2.34+ and macOS: close every inherited descriptor in one action
 * @param hasChdir glibc 2.29+ and macOS 10.15+: a working directory for the child without touching ours
 */
record Libc(
        PosixLibC calls,
        LinuxLibC linux,
        int openFlagsAppendCreate,
        boolean hasCloseFrom,
        boolean hasChdir,
        String description) {

    /** {@code forceFallback} uses neither addition even where it exists, so old systems' path runs on new ones. */
    static Libc load(OperatingSystem os, boolean forceFallback) {
        NativeLibrary library = os == OperatingSystem.LINUX ? linuxLibrary() : NativeLibrary.getInstance("c");
        LibcFunctions functions = new LibcFunctions(library);
        LinuxLibC linux = os == OperatingSystem.LINUX ? functions : null;
        int appendCreate = os == OperatingSystem.LINUX
                ? 01 | 0100 | 02000 // O_WRONLY | O_CREAT | O_APPEND
                : 0x1 | 0x200 | 0x8; // macOS: O_WRONLY | O_CREAT | O_APPEND
        boolean closeFrom = !forceFallback
                && (os == OperatingSystem.MAC || hasFunction(library, "posix_spawn_file_actions_addclosefrom_np"));
        boolean chdir = !forceFallback && hasFunction(library, "posix_spawn_file_actions_addchdir_np");
        return new Libc(functions, linux, appendCreate, closeFrom, chdir, describe(linux));
    }

    /** How children are spawned here, for diagnosis: the libc and which of its additions are used. */
    String spawnPath() {
        return description + ", posix_spawn with "
                + (hasCloseFrom ? "addclosefrom_np" : "one addclose per open descriptor") + " and "
                + (hasChdir ? "addchdir_np" : "chdir around the spawn");
    }

    private static boolean hasFunction(NativeLibrary library, String name) {
        try {
            library.getFunction(name);
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    private static String describe(LinuxLibC linux) {
        if (linux == null) {
            return "the system libc";
        }
        try {
            return "glibc " + linux.gnu_get_libc_version();
        } catch (UnsatisfiedLinkError e) {
            return "a libc that is not glibc (musl?)";
        }
    }

    /** glibc's real file name skips JNA's search (libc.so is a linker script there); musl has only "c". */
    private static NativeLibrary linuxLibrary() {
        try {
            return NativeLibrary.getInstance("libc.so.6");
        } catch (UnsatisfiedLinkError e) {
            return NativeLibrary.getInstance("c");
        }
    }
}
