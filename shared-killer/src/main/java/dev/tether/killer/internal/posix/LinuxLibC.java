package dev.tether.killer.internal.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/** The glibc/Linux-only functions: subreaper, close-from for spawned children, the netlink socket of sock_diag. */
public interface LinuxLibC extends PosixLibC {
    int PR_SET_CHILD_SUBREAPER = 36;
    int AF_NETLINK = 16;
    int SOCK_DGRAM_CLOEXEC = 2 | 02000000; // SOCK_DGRAM | SOCK_CLOEXEC: never inherited by a spawned child

    int socket(int domain, int type, int protocol) throws LastErrorException;

    /** On an unconnected netlink socket the message goes to the kernel. */
    NativeLong send(int fd, byte[] buffer, NativeLong length, int flags) throws LastErrorException;

    NativeLong recv(int fd, byte[] buffer, NativeLong length, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    /**
     * Linux 5.3+: a descriptor that becomes readable when the process exits. glibc has no wrapper before 2.36, so
     * it is called through {@code syscall(2)}.
     */
    int pidfd_open(int pid, int flags) throws LastErrorException;

    int ppoll(Pointer fds, long count, Pointer timeout, Pointer sigmask) throws LastErrorException;

    int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws LastErrorException;

    /** glibc 2.34+: closes every descriptor from {@code fromFd} up in the child, after the dup2 actions. */
    int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int fromFd);

    /** glibc only (musl has none): the version string, e.g. "2.36". */
    String gnu_get_libc_version();
}
