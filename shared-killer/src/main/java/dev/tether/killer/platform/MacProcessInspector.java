package dev.tether.killer.platform;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.ptr.LongByReference;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.ProcessInspector;
import dev.tether.killer.process.ProcessTable;
import java.util.Optional;

/**
 * The macos backend: the portable one, plus what macOS offers beyond POSIX. The environment of one of this
 * user's processes is read through {@code sysctl(KERN_PROCARGS2)}, so the environment cookie finds a daemon
 * that re-parented to launchd but kept its environment (nginx, pg_ctl's postgres), as /proc does on Linux. Not
 * run by the project's CI (no macOS runner); if the call fails, the portable behaviour (no cookie) remains.
 */
final class MacProcessInspector implements ProcessInspector {
    private final ProcessInspector portable;
    private volatile DarwinLibC libc;

    MacProcessInspector(ProcessInspector portable) {
        this.portable = portable;
    }

    @Override
    public Optional<String> environmentVariable(int pid, String name) {
        if (portable.uid(pid) < 0) {
            return Optional.empty(); // another user's: the kernel refuses, and it is never ours anyway
        }
        try {
            DarwinLibC c = libc();
            // KERN_ARGMAX bounds what KERN_PROCARGS2 can return: arguments and environment together.
            Memory argMax = new Memory(Integer.BYTES);
            c.sysctl(
                    new int[] {DarwinLibC.CTL_KERN, DarwinLibC.KERN_ARGMAX},
                    2,
                    argMax,
                    new LongByReference(Integer.BYTES),
                    null,
                    0);
            Memory buffer = new Memory(Math.max(argMax.getInt(0), Integer.BYTES));
            LongByReference length = new LongByReference(buffer.size());
            c.sysctl(new int[] {DarwinLibC.CTL_KERN, DarwinLibC.KERN_PROCARGS2, pid}, 3, buffer, length, null, 0);
            int read = (int) Math.min(length.getValue(), buffer.size());
            return DarwinProcArgs.environmentVariable(buffer.getByteArray(0, read), read, name);
        } catch (LastErrorException | UnsatisfiedLinkError e) {
            return Optional.empty(); // gone, a zombie, or not permitted: no evidence
        }
    }

    private DarwinLibC libc() {
        DarwinLibC loaded = libc;
        if (loaded == null) {
            loaded = DarwinLibC.load();
            libc = loaded;
        }
        return loaded;
    }

    @Override
    public ProcessTable snapshot() {
        return portable.snapshot();
    }

    @Override
    public Optional<ProcessInfo> process(int pid) {
        return portable.process(pid);
    }

    @Override
    public Optional<ProcessId> identity(int pid) {
        return portable.identity(pid);
    }

    @Override
    public long startTimeFloor() {
        return portable.startTimeFloor();
    }

    @Override
    public long startTimeCeiling() {
        return portable.startTimeCeiling();
    }

    @Override
    public String commandLine(int pid) {
        return portable.commandLine(pid);
    }

    @Override
    public int uid(int pid) {
        return portable.uid(pid);
    }

    @Override
    public boolean isRunning(ProcessId id) {
        return portable.isRunning(id);
    }
}
