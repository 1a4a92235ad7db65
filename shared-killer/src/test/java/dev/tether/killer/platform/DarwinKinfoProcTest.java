package dev.tether.killer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.ProcessTable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The kinfo_proc offsets, derived here from the field lists of macOS's {@code <sys/sysctl.h>} and
 * {@code <sys/proc.h>} (64-bit: pointers and longs are 8 bytes) with C's rules: each field at a multiple of its
 * alignment, each struct padded to a multiple of its largest alignment. The native reader cannot run on Linux;
 * its layout and parsing can.
 */
class DarwinKinfoProcTest {
    private static CStructLayout timeval() {
        return new CStructLayout().add("tv_sec", 8, 8).add("tv_usec", 4, 4).end();
    }

    private static CStructLayout externProc() {
        return new CStructLayout()
                .add("p_starttime", timeval())
                .add("p_vmspace", 8, 8)
                .add("p_sigacts", 8, 8)
                .add("p_flag", 4, 4)
                .add("p_stat", 1, 1)
                .add("p_pid", 4, 4)
                .add("p_oppid", 4, 4)
                .add("p_dupfd", 4, 4)
                .add("user_stack", 8, 8)
                .add("exit_thread", 8, 8)
                .add("p_debugger", 4, 4)
                .add("sigwait", 4, 4)
                .add("p_estcpu", 4, 4)
                .add("p_cpticks", 4, 4)
                .add("p_pctcpu", 4, 4)
                .add("p_wchan", 8, 8)
                .add("p_wmesg", 8, 8)
                .add("p_swtime", 4, 4)
                .add("p_slptime", 4, 4)
                .add(
                        "p_realtimer",
                        new CStructLayout()
                                .add("it_interval", timeval())
                                .add("it_value", timeval())
                                .end())
                .add("p_rtime", timeval())
                .add("p_uticks", 8, 8)
                .add("p_sticks", 8, 8)
                .add("p_iticks", 8, 8)
                .add("p_traceflag", 4, 4)
                .add("p_tracep", 8, 8)
                .add("p_siglist", 4, 4)
                .add("p_textvp", 8, 8)
                .add("p_holdcnt", 4, 4)
                .add("p_sigmask", 4, 4)
                .add("p_sigignore", 4, 4)
                .add("p_sigcatch", 4, 4)
                .add("p_priority", 1, 1)
                .add("p_usrpri", 1, 1)
                .add("p_nice", 1, 1)
                .add("p_comm", 17, 1)
                .add("p_pgrp", 8, 8)
                .add("p_addr", 8, 8)
                .add("p_xstat", 2, 2)
                .add("p_acflag", 2, 2)
                .add("p_ru", 8, 8)
                .end();
    }

    private static CStructLayout eproc() {
        CStructLayout pcred = new CStructLayout()
                .add("pc_lock", 72, 1)
                .add("pc_ucred", 8, 8)
                .add("p_ruid", 4, 4)
                .add("p_svuid", 4, 4)
                .add("p_rgid", 4, 4)
                .add("p_svgid", 4, 4)
                .add("p_refcnt", 4, 4)
                .end();
        CStructLayout ucred = new CStructLayout()
                .add("cr_ref", 4, 4)
                .add("cr_uid", 4, 4)
                .add("cr_ngroups", 2, 2)
                .add("cr_groups", 16 * 4, 4)
                .end();
        CStructLayout vmspace = new CStructLayout()
                .add("vm_refcnt", 4, 4)
                .add("vm_shm", 8, 8)
                .add("vm_rssize", 5 * 4, 4)
                .add("vm_pad", 3 * 8, 8)
                .end();
        return new CStructLayout()
                .add("e_paddr", 8, 8)
                .add("e_sess", 8, 8)
                .add("e_pcred", pcred)
                .add("e_ucred", ucred)
                .add("e_vm", vmspace)
                .add("e_ppid", 4, 4)
                .add("e_pgid", 4, 4)
                .add("e_jobc", 2, 2)
                .add("e_tdev", 4, 4)
                .add("e_tpgid", 4, 4)
                .add("e_tsess", 8, 8)
                .add("e_wmesg", 8, 1)
                .add("e_xsize", 4, 4)
                .add("e_xrssize", 2, 2)
                .add("e_xccount", 2, 2)
                .add("e_xswrss", 2, 2)
                .add("e_flag", 4, 4)
                .add("e_login", 12, 1)
                .add("e_spare", 4 * 4, 4)
                .end();
    }

    @Test
    void theOffsetsAndTheSizeAreTheHeadersOnes() {
        CStructLayout kinfo = new CStructLayout()
                .add("kp_proc", externProc())
                .add("kp_eproc", eproc())
                .end();
        Map<String, Integer> at = kinfo.offsets;

        assertEquals(DarwinKinfoProc.SIZE, kinfo.size, "sizeof(struct kinfo_proc) on 64-bit macOS");
        assertEquals(DarwinKinfoProc.STARTTIME_SECONDS, at.get("kp_proc.p_starttime.tv_sec"));
        assertEquals(DarwinKinfoProc.STARTTIME_MICROS, at.get("kp_proc.p_starttime.tv_usec"));
        assertEquals(DarwinKinfoProc.STAT, at.get("kp_proc.p_stat"));
        assertEquals(DarwinKinfoProc.PID, at.get("kp_proc.p_pid"));
        assertEquals(DarwinKinfoProc.COMM, at.get("kp_proc.p_comm"));
        assertEquals(DarwinKinfoProc.UID, at.get("kp_eproc.e_ucred.cr_uid"));
        assertEquals(DarwinKinfoProc.PPID, at.get("kp_eproc.e_ppid"));
        assertEquals(DarwinKinfoProc.PGID, at.get("kp_eproc.e_pgid"));
    }

    @Test
    void recordsParseFromTheKernelsBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(2 * DarwinKinfoProc.SIZE + 100).order(ByteOrder.nativeOrder());
        write(buffer, 0, 4250, 4200, 4250, 501, 1_790_000_000L, 123_456, (byte) 3, "node");
        write(
                buffer,
                DarwinKinfoProc.SIZE,
                4251,
                1,
                4250,
                501,
                1_790_000_001L,
                999,
                DarwinKinfoProc.ZOMBIE,
                "a-name-of-16-chr");

        List<DarwinKinfoProc> all = DarwinKinfoProc.parseAll(buffer, 2 * DarwinKinfoProc.SIZE + 100);

        assertEquals(
                List.of(
                        new DarwinKinfoProc(4250, 4200, 4250, 501, 1_790_000_000_123L, false, "node"),
                        new DarwinKinfoProc(4251, 1, 4250, 501, 1_790_000_001_000L, true, "a-name-of-16-chr")),
                all,
                "a partial record at the end is not read");
    }

    @Test
    void theRecordsBecomeTheTableWithSessionsFromGetsid() {
        ProcessTable table = MacProcessInspector.tableOf(
                List.of(
                        new DarwinKinfoProc(4250, 4200, 4250, 501, 1_790_000_000_123L, false, "node"),
                        new DarwinKinfoProc(4251, 1, 4250, 501, 1_790_000_001_000L, true, "sh")),
                pid -> pid == 4250 ? 4100 : -1);
        assertEquals(
                new ProcessInfo(4250, 4200, 4250, 4100, 1_790_000_000_123L, 'S', "node"),
                table.get(4250).orElseThrow());
        assertEquals(
                new ProcessInfo(4251, 1, 4250, -1, 1_790_000_001_000L, 'Z', "sh"),
                table.get(4251).orElseThrow());
    }

    private static void write(
            ByteBuffer buffer,
            int base,
            int pid,
            int ppid,
            int pgid,
            int uid,
            long seconds,
            int micros,
            byte stat,
            String name) {
        buffer.putLong(base + DarwinKinfoProc.STARTTIME_SECONDS, seconds);
        buffer.putInt(base + DarwinKinfoProc.STARTTIME_MICROS, micros);
        buffer.put(base + DarwinKinfoProc.STAT, stat);
        buffer.putInt(base + DarwinKinfoProc.PID, pid);
        buffer.put(base + DarwinKinfoProc.COMM, name.getBytes(StandardCharsets.UTF_8));
        buffer.putInt(base + DarwinKinfoProc.UID, uid);
        buffer.putInt(base + DarwinKinfoProc.PPID, ppid);
        buffer.putInt(base + DarwinKinfoProc.PGID, pgid);
    }
}
