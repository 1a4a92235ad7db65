package dev.tether.killer.platform;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.ptr.LongByReference;
import dev.tether.killer.internal.posix.NativePosix;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.ProcessInspector;
import dev.tether.killer.process.ProcessTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

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

    /**
     * The whole table in one {@code sysctl(KERN_PROC_ALL)}: pid, parent, group, start time and state of every
     * process as the kernel's {@code kinfo_proc} records hold them (the JDK asks the kernel once per process).
     * The portable table where the call fails.
     */
    @Override
    public ProcessTable snapshot() {
        try {
            return tableOf(allRecords(libc()), pid -> NativePosix.get().sessionOf(pid));
        } catch (LastErrorException | UnsatisfiedLinkError | IllegalStateException e) {
            return portable.snapshot();
        }
    }

    private static List<DarwinKinfoProc> allRecords(DarwinLibC c) {
        int[] name = {DarwinLibC.CTL_KERN, DarwinLibC.KERN_PROC, DarwinLibC.KERN_PROC_ALL};
        for (int attempt = 0; attempt < 5; attempt++) {
            LongByReference size = new LongByReference();
            c.sysctl(name, 3, null, size, null, 0);
            Memory buffer = new Memory(size.getValue() + 32L * DarwinKinfoProc.SIZE); // room for new processes
            LongByReference length = new LongByReference(buffer.size());
            try {
                c.sysctl(name, 3, buffer, length, null, 0);
            } catch (LastErrorException e) {
                continue; // ENOMEM: more processes than the room left; ask again
            }
            return DarwinKinfoProc.parseAll(buffer.getByteBuffer(0, buffer.size()), (int) length.getValue());
        }
        throw new IllegalStateException("the process table kept growing while it was read");
    }

    /** The kernel's records as a table; sessions come from getsid (kinfo_proc holds only a kernel pointer). */
    static ProcessTable tableOf(List<DarwinKinfoProc> records, IntUnaryOperator sessionOf) {
        List<ProcessInfo> rows = new ArrayList<>(records.size());
        for (DarwinKinfoProc record : records) {
            rows.add(new ProcessInfo(
                    record.pid(),
                    record.ppid(),
                    record.pgid(),
                    sessionOf.applyAsInt(record.pid()),
                    record.startMillis(),
                    record.zombie() ? 'Z' : 'S',
                    record.name()));
        }
        return new ProcessTable(rows);
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
