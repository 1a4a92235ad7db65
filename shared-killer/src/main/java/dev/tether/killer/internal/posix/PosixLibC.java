package dev.tether.killer.internal.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;

/**
 * The libc functions Tether calls on every POSIX system. The only place, with {@link LinuxLibC}, where native
 * functions are declared; nothing outside this package calls them. {@link LibcFunctions} implements both.
 *
 * <p>The posix_spawn family returns its error number instead of setting errno, so those functions return
 * {@code int} and do not throw.
 */
public interface PosixLibC {
    int posix_spawn(
            IntByReference pid,
            String path,
            Pointer fileActions,
            Pointer attributes,
            StringArray argv,
            StringArray envp);

    int posix_spawnattr_init(Pointer attributes);

    int posix_spawnattr_destroy(Pointer attributes);

    int posix_spawnattr_setflags(Pointer attributes, short flags);

    int posix_spawnattr_setpgroup(Pointer attributes, int pgroup);

    int posix_spawnattr_setsigmask(Pointer attributes, Pointer sigset);

    int posix_spawnattr_setsigdefault(Pointer attributes, Pointer sigset);

    int posix_spawn_file_actions_init(Pointer fileActions);

    int posix_spawn_file_actions_destroy(Pointer fileActions);

    int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, String path, int flags, int mode);

    int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newFd);

    int posix_spawn_file_actions_addclose(Pointer fileActions, int fd);

    /** glibc 2.29+, macOS 10.15+: the only portable way to give a spawned child a working directory. */
    int posix_spawn_file_actions_addchdir_np(Pointer fileActions, String path);

    int sigemptyset(Pointer sigset);

    int sigfillset(Pointer sigset);

    int kill(int pid, int signal) throws LastErrorException;

    int waitpid(int pid, IntByReference status, int options) throws LastErrorException;

    int getpid();

    /** Ends the process at once: no atexit handlers, no stdio flush (the caller flushed). */
    void _exit(int status);

    int getpgid(int pid) throws LastErrorException;

    int getsid(int pid) throws LastErrorException;

    int setsid() throws LastErrorException;

    /** For spawning into a working directory where posix_spawn_file_actions_addchdir_np is missing. */
    int chdir(String path) throws LastErrorException;

    String strerror(int errno);
}
