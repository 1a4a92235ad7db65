package dev.tether.killer.internal.posix;

import com.sun.jna.Native;
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
        LinuxLibC linux = null;
        PosixLibC calls;
        int appendCreate;
        if (os == OperatingSystem.LINUX) {
            linux = loadLinuxLibC();
            calls = linux;
            appendCreate = 01 | 0100 | 02000; // O_WRONLY | O_CREAT | O_APPEND
        } else {
            calls = Native.load("c", PosixLibC.class);
            appendCreate = 0x1 | 0x200 | 0x8; // macOS: O_WRONLY | O_CREAT | O_APPEND
        }
        boolean closeFrom = !forceFallback
                && (os == OperatingSystem.MAC || hasFunction(os, "posix_spawn_file_actions_addclosefrom_np"));
        boolean chdir = !forceFallback && hasFunction(os, "posix_spawn_file_actions_addchdir_np");
        return new Libc(calls, linux, appendCreate, closeFrom, chdir, describe(linux));
    }

    /** How children are spawned here, for diagnosis: the libc and which of its additions are used. */
    String spawnPath() {
        return description + ", posix_spawn with "
                + (hasCloseFrom ? "addclosefrom_np" : "one addclose per open descriptor") + " and "
                + (hasChdir ? "addchdir_np" : "chdir around the spawn");
    }

    private static boolean hasFunction(OperatingSystem os, String name) {
        try {
            NativeLibrary.getInstance(os == OperatingSystem.LINUX ? "libc.so.6" : "c")
                    .getFunction(name);
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
    private static LinuxLibC loadLinuxLibC() {
        try {
            return Native.load("libc.so.6", LinuxLibC.class);
        } catch (UnsatisfiedLinkError e) {
            return Native.load("c", LinuxLibC.class);
        }
    }
}
