package dev.tether.killer.internal.posix;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;

/**
 * {@link LinuxLibC} (and so {@link PosixLibC}) called through JNA's {@link Function}s of the C library, instead of
 * the proxy {@code Native.load} would make of the interfaces.
 *
 * <p>Why by hand: the proxy is made when the supervisor starts, on the path to its first answer. Generating the
 * proxy class and the reflective set-up of each method's first call cost 10-12 ms of a ~105 ms start (a
 * class-load log of one supervisor start: the proxy's classes from 85 to 97 ms of uptime, then the first calls);
 * a {@code Function} is a {@code dlsym} away and converts arguments the same way the proxy does (strings in JNA's
 * default encoding, primitive arrays copied in and out, {@code THROW_LAST_ERROR} for the functions that set
 * errno). Each call looks its function up in the library's own cache: ~0.1 us, against the microseconds of the
 * call. A function this libc lacks throws {@link UnsatisfiedLinkError} at its first call, as the proxy did.
 */
final class LibcFunctions implements LinuxLibC {
    private static final Object[] NO_ARGUMENTS = {};
    /** The number of pidfd_open(2) in the unified system call table (Linux 5.1+, every architecture). */
    private static final long SYS_PIDFD_OPEN = 434;

    private final NativeLibrary library;

    LibcFunctions(NativeLibrary library) {
        this.library = library;
    }

    /** A function that returns an error number or a value, never setting errno to be read. */
    private Function plain(String name) {
        return library.getFunction(name);
    }

    /** A function that sets errno on failure: a failed call throws {@code LastErrorException} with it. */
    private Function settingErrno(String name) {
        return library.getFunction(name, Function.THROW_LAST_ERROR);
    }

    @Override
    public int posix_spawn(
            IntByReference pid,
            String path,
            Pointer fileActions,
            Pointer attributes,
            StringArray argv,
            StringArray envp) {
        return plain("posix_spawn").invokeInt(new Object[] {pid, path, fileActions, attributes, argv, envp});
    }

    @Override
    public int posix_spawnattr_init(Pointer attributes) {
        return plain("posix_spawnattr_init").invokeInt(new Object[] {attributes});
    }

    @Override
    public int posix_spawnattr_destroy(Pointer attributes) {
        return plain("posix_spawnattr_destroy").invokeInt(new Object[] {attributes});
    }

    @Override
    public int posix_spawnattr_setflags(Pointer attributes, short flags) {
        return plain("posix_spawnattr_setflags").invokeInt(new Object[] {attributes, flags});
    }

    @Override
    public int posix_spawnattr_setpgroup(Pointer attributes, int pgroup) {
        return plain("posix_spawnattr_setpgroup").invokeInt(new Object[] {attributes, pgroup});
    }

    @Override
    public int posix_spawnattr_setsigmask(Pointer attributes, Pointer sigset) {
        return plain("posix_spawnattr_setsigmask").invokeInt(new Object[] {attributes, sigset});
    }

    @Override
    public int posix_spawnattr_setsigdefault(Pointer attributes, Pointer sigset) {
        return plain("posix_spawnattr_setsigdefault").invokeInt(new Object[] {attributes, sigset});
    }

    @Override
    public int posix_spawn_file_actions_init(Pointer fileActions) {
        return plain("posix_spawn_file_actions_init").invokeInt(new Object[] {fileActions});
    }

    @Override
    public int posix_spawn_file_actions_destroy(Pointer fileActions) {
        return plain("posix_spawn_file_actions_destroy").invokeInt(new Object[] {fileActions});
    }

    @Override
    public int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, String path, int flags, int mode) {
        return plain("posix_spawn_file_actions_addopen").invokeInt(new Object[] {fileActions, fd, path, flags, mode});
    }

    @Override
    public int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newFd) {
        return plain("posix_spawn_file_actions_adddup2").invokeInt(new Object[] {fileActions, fd, newFd});
    }

    @Override
    public int posix_spawn_file_actions_addclose(Pointer fileActions, int fd) {
        return plain("posix_spawn_file_actions_addclose").invokeInt(new Object[] {fileActions, fd});
    }

    @Override
    public int posix_spawn_file_actions_addchdir_np(Pointer fileActions, String path) {
        return plain("posix_spawn_file_actions_addchdir_np").invokeInt(new Object[] {fileActions, path});
    }

    @Override
    public int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int fromFd) {
        return plain("posix_spawn_file_actions_addclosefrom_np").invokeInt(new Object[] {fileActions, fromFd});
    }

    @Override
    public int sigemptyset(Pointer sigset) {
        return plain("sigemptyset").invokeInt(new Object[] {sigset});
    }

    @Override
    public int sigfillset(Pointer sigset) {
        return plain("sigfillset").invokeInt(new Object[] {sigset});
    }

    @Override
    public int kill(int pid, int signal) {
        return settingErrno("kill").invokeInt(new Object[] {pid, signal});
    }

    @Override
    public int waitpid(int pid, IntByReference status, int options) {
        return settingErrno("waitpid").invokeInt(new Object[] {pid, status, options});
    }

    @Override
    public int getpid() {
        return plain("getpid").invokeInt(NO_ARGUMENTS);
    }

    @Override
    public void _exit(int status) {
        plain("_exit").invokeVoid(new Object[] {status});
    }

    @Override
    public int getpgid(int pid) {
        return settingErrno("getpgid").invokeInt(new Object[] {pid});
    }

    @Override
    public int getsid(int pid) {
        return settingErrno("getsid").invokeInt(new Object[] {pid});
    }

    @Override
    public int setsid() {
        return settingErrno("setsid").invokeInt(NO_ARGUMENTS);
    }

    @Override
    public int chdir(String path) {
        return settingErrno("chdir").invokeInt(new Object[] {path});
    }

    @Override
    public String strerror(int errno) {
        return plain("strerror").invokeString(new Object[] {errno}, false);
    }

    @Override
    public int socket(int domain, int type, int protocol) {
        return settingErrno("socket").invokeInt(new Object[] {domain, type, protocol});
    }

    @Override
    public NativeLong send(int fd, byte[] buffer, NativeLong length, int flags) {
        return (NativeLong) settingErrno("send").invoke(NativeLong.class, new Object[] {fd, buffer, length, flags});
    }

    @Override
    public NativeLong recv(int fd, byte[] buffer, NativeLong length, int flags) {
        return (NativeLong) settingErrno("recv").invoke(NativeLong.class, new Object[] {fd, buffer, length, flags});
    }

    @Override
    public int close(int fd) {
        return settingErrno("close").invokeInt(new Object[] {fd});
    }

    /**
     * {@code syscall(2)} is variadic; its arguments are passed as fixed {@code long}s, which on Linux's x86-64 and
     * AArch64 conventions land in the same registers a variadic call uses.
     */
    @Override
    public int pidfd_open(int pid, int flags) {
        return (int) settingErrno("syscall").invokeLong(new Object[] {SYS_PIDFD_OPEN, (long) pid, (long) flags});
    }

    @Override
    public int ppoll(Pointer fds, long count, Pointer timeout, Pointer sigmask) {
        return settingErrno("ppoll").invokeInt(new Object[] {fds, count, timeout, sigmask});
    }

    @Override
    public int prctl(int option, long arg2, long arg3, long arg4, long arg5) {
        return settingErrno("prctl").invokeInt(new Object[] {option, arg2, arg3, arg4, arg5});
    }

    @Override
    public String gnu_get_libc_version() {
        return plain("gnu_get_libc_version").invokeString(NO_ARGUMENTS, false);
    }
}
