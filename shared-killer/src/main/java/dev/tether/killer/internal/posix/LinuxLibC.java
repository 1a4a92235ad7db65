package dev.tether.killer.internal.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;

/** The glibc/Linux-only functions: subreaper and close-from for spawned children. */
public interface LinuxLibC extends PosixLibC {
    int PR_SET_CHILD_SUBREAPER = 36;

    int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws LastErrorException;

    /** glibc 2.34+: closes every descriptor from {@code fromFd} up in the child, after the dup2 actions. */
    int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int fromFd);

    /** glibc only (musl has none): the version string, e.g. "2.36". */
    String gnu_get_libc_version();
}
