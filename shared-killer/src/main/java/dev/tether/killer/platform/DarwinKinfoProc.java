package dev.tether.killer.platform;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code struct kinfo_proc} of the array {@code sysctl({CTL_KERN, KERN_PROC, KERN_PROC_ALL})} returns on
 * 64-bit macOS (x86_64 and arm64 share the layout of {@code <sys/sysctl.h>} and {@code <sys/proc.h>}): only
 * the fields Tether reads, at their offsets. {@code DarwinKinfoProcTest} derives every offset and the size (648,
 * {@code sizeof(struct kinfo_proc)}) from the header's field list with C's alignment rules.
 */
record DarwinKinfoProc(int pid, int ppid, int pgid, int uid, long startMillis, boolean zombie, String name) {
    static final int SIZE = 648;
    static final int STARTTIME_SECONDS = 0; // kp_proc.p_starttime.tv_sec (p_un)
    static final int STARTTIME_MICROS = 8; // kp_proc.p_starttime.tv_usec
    static final int STAT = 36; // kp_proc.p_stat
    static final int PID = 40; // kp_proc.p_pid
    static final int COMM = 243; // kp_proc.p_comm[MAXCOMLEN + 1]
    static final int COMM_LENGTH = 17;
    static final int UID = 420; // kp_eproc.e_ucred.cr_uid
    static final int PPID = 560; // kp_eproc.e_ppid
    static final int PGID = 564; // kp_eproc.e_pgid
    /** {@code SZOMB} of {@code <sys/proc.h>}. */
    static final byte ZOMBIE = 5;

    /** Every whole record in the first {@code length} bytes of {@code buffer}, as the kernel wrote them. */
    static List<DarwinKinfoProc> parseAll(ByteBuffer buffer, int length) {
        ByteBuffer records = buffer.duplicate().order(ByteOrder.nativeOrder());
        List<DarwinKinfoProc> all = new ArrayList<>(length / SIZE);
        for (int base = 0; base + SIZE <= length; base += SIZE) {
            all.add(parse(records, base));
        }
        return all;
    }

    private static DarwinKinfoProc parse(ByteBuffer records, int base) {
        byte[] comm = new byte[COMM_LENGTH];
        records.get(base + COMM, comm);
        int nameLength = 0;
        while (nameLength < COMM_LENGTH && comm[nameLength] != 0) {
            nameLength++;
        }
        long startMillis =
                records.getLong(base + STARTTIME_SECONDS) * 1000 + records.getInt(base + STARTTIME_MICROS) / 1000;
        return new DarwinKinfoProc(
                records.getInt(base + PID),
                records.getInt(base + PPID),
                records.getInt(base + PGID),
                records.getInt(base + UID),
                startMillis,
                records.get(base + STAT) == ZOMBIE,
                new String(comm, 0, nameLength, StandardCharsets.UTF_8));
    }
}
