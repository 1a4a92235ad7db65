package dev.tether.killer.internal.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import dev.tether.killer.process.Delivery;
import dev.tether.killer.process.OperatingSystem;
import java.util.Optional;
import java.util.Set;

/**
 * The one door to native code: spawning in a new process group, signals, waiting for children, subreaper.
 * Loaded only inside the supervisor process, so the owner JVM never loads JNA.
 */
public final class NativePosix {
    private static final int ESRCH = 3;
    private static final int EPERM = 1;
    private static final int EINTR = 4;
    private static final int ECHILD = 10;
    private static final int WNOHANG = 1;

    private static final short POSIX_SPAWN_SETPGROUP = 0x02;
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final short MAC_POSIX_SPAWN_CLOEXEC_DEFAULT = 0x4000;

    /** Opaque libc structures are allocated generously: glibc's posix_spawnattr_t is 336 bytes, sigset_t 128. */
    private static final int OPAQUE_STRUCT_BYTES = 1024;

    private static volatile NativePosix instance;

    private final OperatingSystem os;
    private final Libc lib;
    private final PosixLibC libc;
    private final LinuxLibC linux;

    private NativePosix(OperatingSystem os, boolean forceFallback) {
        this.os = os;
        this.lib = Libc.load(os, forceFallback);
        this.libc = lib.calls();
        this.linux = lib.linux();
    }

    /** _exit(2): no JVM shutdown, whose wait for threads blocked in native calls costs up to 300 ms. */
    public void exitNow(int status) {
        libc._exit(status);
    }

    /** How children are spawned here, for diagnosis: the libc and which of its additions are used. */
    public String spawnPath() {
        return lib.spawnPath();
    }

    /** The memoized native facade; UnsupportedOperationException on a platform without POSIX process groups. */
    public static NativePosix get() {
        return get(false);
    }

    /**
     * The memoized native facade; {@code forceFallback} spawns without addclosefrom_np and addchdir_np even
     * where they exist, so the path older systems take is tested on new ones too.
     */
    public static NativePosix get(boolean forceFallback) {
        NativePosix local = instance;
        if (local == null) {
            synchronized (NativePosix.class) {
                local = instance;
                if (local == null) {
                    OperatingSystem os = OperatingSystem.current();
                    if (!os.isPosix()) {
                        throw new UnsupportedOperationException(
                                PosixMessages.unsupportedOs(System.getProperty("os.name")));
                    }
                    local = new NativePosix(os, forceFallback);
                    instance = local;
                }
            }
        }
        return local;
    }

    /** Spawns a child as the leader of a new process group; returns its pid. */
    public int spawn(SpawnRequest request) throws SpawnException {
        Memory attributes = new Memory(OPAQUE_STRUCT_BYTES);
        Memory fileActions = new Memory(OPAQUE_STRUCT_BYTES);
        Memory emptyMask = new Memory(OPAQUE_STRUCT_BYTES);
        Memory allSignals = new Memory(OPAQUE_STRUCT_BYTES);
        check("posix_spawnattr_init", libc.posix_spawnattr_init(attributes));
        check("posix_spawn_file_actions_init", libc.posix_spawn_file_actions_init(fileActions));
        try {
            short flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
            if (os == OperatingSystem.MAC) {
                flags |= MAC_POSIX_SPAWN_CLOEXEC_DEFAULT; // macOS's closefrom: only the fds set up below survive
            }
            check("posix_spawnattr_setflags", libc.posix_spawnattr_setflags(attributes, flags));
            check("posix_spawnattr_setpgroup", libc.posix_spawnattr_setpgroup(attributes, 0));
            libc.sigemptyset(emptyMask);
            check("posix_spawnattr_setsigmask", libc.posix_spawnattr_setsigmask(attributes, emptyMask));
            // Every ignored signal of the supervisor JVM would otherwise stay ignored across exec.
            libc.sigfillset(allSignals);
            check("posix_spawnattr_setsigdefault", libc.posix_spawnattr_setsigdefault(attributes, allSignals));

            check("addopen stdin", libc.posix_spawn_file_actions_addopen(fileActions, 0, "/dev/null", 0, 0));
            String log = request.logFile().toString();
            check(
                    "addopen log",
                    libc.posix_spawn_file_actions_addopen(fileActions, 1, log, lib.openFlagsAppendCreate(), 0644));
            check("adddup2 stderr", libc.posix_spawn_file_actions_adddup2(fileActions, 1, 2));
            if (lib.hasChdir()) {
                check(
                        "addchdir",
                        libc.posix_spawn_file_actions_addchdir_np(
                                fileActions, request.workingDirectory().toString()));
            }
            // Without this a fixture inherits the supervisor's pipe from the owner and defeats owner-death
            // detection.
            if (linux != null && lib.hasCloseFrom()) {
                check("addclosefrom", linux.posix_spawn_file_actions_addclosefrom_np(fileActions, 3));
            } else if (linux != null) {
                InheritedDescriptors.addCloseEveryDescriptor(libc, fileActions);
            }

            IntByReference pid = new IntByReference();
            int error = lib.hasChdir()
                    ? spawn(request, fileActions, attributes, pid)
                    : spawnInDirectory(request, fileActions, attributes, pid);
            if (error != 0) {
                throw new SpawnException(PosixMessages.spawnFailed(
                        request.argv(),
                        request.workingDirectory(),
                        libc.strerror(error),
                        error,
                        request.executable(),
                        request.logFile()));
            }
            return pid.getValue();
        } catch (UnsatisfiedLinkError e) {
            throw new SpawnException(PosixMessages.libcLacks(spawnPath(), e.getMessage()));
        } finally {
            libc.posix_spawn_file_actions_destroy(fileActions);
            libc.posix_spawnattr_destroy(attributes);
        }
    }

    private int spawn(SpawnRequest request, Pointer fileActions, Pointer attributes, IntByReference pid) {
        return libc.posix_spawn(
                pid,
                request.executable(),
                fileActions,
                attributes,
                new StringArray(request.argv().toArray(String[]::new)),
                new StringArray(request.environment().toArray(String[]::new)));
    }

    /**
     * Before glibc 2.29 a child can only get a working directory by inheriting ours: change into it, spawn,
     * change back. Serialised, and harmless to the supervisor, whose every path is absolute.
     */
    private synchronized int spawnInDirectory(
            SpawnRequest request, Pointer fileActions, Pointer attributes, IntByReference pid) throws SpawnException {
        String home = System.getProperty("user.dir");
        try {
            libc.chdir(request.workingDirectory().toString());
        } catch (LastErrorException e) {
            throw new SpawnException(
                    PosixMessages.cannotEnterDirectory(request.workingDirectory(), libc.strerror(e.getErrorCode())));
        }
        try {
            return spawn(request, fileActions, attributes, pid);
        } finally {
            libc.chdir(home);
        }
    }

    private void check(String step, int error) throws SpawnException {
        check(libc, step, error);
    }

    static void check(PosixLibC libc, String step, int error) throws SpawnException {
        if (error != 0) {
            throw new SpawnException(
                    "posix_spawn set-up failed at " + step + ": " + libc.strerror(error) + " (errno " + error + ")");
        }
    }

    public Delivery signal(int pid, int signal) {
        try {
            libc.kill(pid, signal);
            return Delivery.SENT;
        } catch (LastErrorException e) {
            return delivery(e);
        }
    }

    /** SIGCONT: 18 on Linux, 19 on macOS; not a {@code Signal} a stop policy may name. */
    public Delivery resume(int pid) {
        return signal(pid, os == OperatingSystem.MAC ? 19 : 18);
    }

    private static Delivery delivery(LastErrorException e) {
        return switch (e.getErrorCode()) {
            case ESRCH -> Delivery.GONE;
            case EPERM -> Delivery.DENIED;
            default -> throw new IllegalStateException("kill failed: " + e.getMessage(), e);
        };
    }

    /**
     * Reaps one child of this process.
     *
     * @param block wait until a child changes state
     * @return the reaped child, or empty when there is none to reap (ECHILD, or nothing ready with !block)
     */
    public Optional<ChildExit> reapChild(boolean block) {
        IntByReference status = new IntByReference();
        while (true) {
            try {
                int pid = libc.waitpid(-1, status, block ? 0 : WNOHANG);
                return pid > 0 ? Optional.of(new ChildExit(pid, status.getValue())) : Optional.empty();
            } catch (LastErrorException e) {
                if (e.getErrorCode() == EINTR) {
                    continue;
                }
                if (e.getErrorCode() == ECHILD) {
                    return Optional.empty();
                }
                throw new IllegalStateException("waitpid failed: " + e.getMessage(), e);
            }
        }
    }

    /** Linux: orphans of any descendant re-parent to this process instead of pid 1. False elsewhere. */
    public boolean becomeChildSubreaper() {
        if (linux == null) {
            return false;
        }
        try {
            linux.prctl(LinuxLibC.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
            return true;
        } catch (LastErrorException e) {
            return false;
        }
    }

    /** Leaves the owner's session so a Ctrl-C to the build's terminal never reaches the supervisor. */
    public boolean startNewSession() {
        try {
            libc.setsid();
            return true;
        } catch (LastErrorException e) {
            return false; // EPERM: already a group leader (launched through setsid(1)), which is what we want
        }
    }

    /**
     * Linux: the inodes of the TCP sockets listening on {@code port}, IPv4 and IPv6, from one sock_diag dump
     * per family. Empty where that cannot be asked (another OS, netlink refused by a seccomp filter or an old
     * kernel): the caller then reads /proc/net/tcp, which says the same, slower.
     */
    public Optional<Set<Long>> listeningSocketInodes(int port) {
        if (linux == null) {
            return Optional.empty();
        }
        return SockDiagSocket.listenerInodes(linux, port);
    }

    /**
     * Linux: waits up to {@code nanos} until every one of {@code pids} has exited, through pidfds.
     *
     * @return false where pidfds are missing (another OS, a kernel before 5.3, a filter): nothing was waited
     */
    public boolean awaitExitOfAll(int[] pids, long nanos) throws InterruptedException {
        return linux != null && PidfdWait.awaitAll(linux, pids, nanos);
    }

    public int pid() {
        return libc.getpid();
    }

    /** The process group of any process (POSIX getpgid), or -1 when it is gone. */
    public int processGroupOf(int pid) {
        try {
            return libc.getpgid(pid);
        } catch (LastErrorException e) {
            return -1;
        }
    }

    /** The session of any process (POSIX getsid), or -1 when it is gone or in a session this one may not see. */
    public int sessionOf(int pid) {
        try {
            return libc.getsid(pid);
        } catch (LastErrorException e) {
            return -1;
        }
    }
}
