package dev.tether.killer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Memory;
import com.sun.jna.Structure;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The Win32 structures as JNA lays them out, against the sizes and offsets of the Windows SDK headers for
 * 64-bit Windows (computed by hand from winnt.h and processthreadsapi.h, C alignment). JNA lays them out here
 * with this machine's rules, which for these field types (no C long) are the Windows x64 ones.
 */
@EnabledIf("sixtyFourBit")
class WindowsStructsTest {

    static boolean sixtyFourBit() {
        return com.sun.jna.Native.POINTER_SIZE == 8;
    }

    /** Structure.fieldOffset is protected: read through reflection, as JNA computed it. */
    private static int offset(Structure structure, String field) {
        try {
            Method fieldOffset = Structure.class.getDeclaredMethod("fieldOffset", String.class);
            fieldOffset.setAccessible(true);
            return (Integer) fieldOffset.invoke(structure, field);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read the offset of " + field, e);
        }
    }

    @Test
    void processCreationStructuresHaveTheHeadersSizes() {
        WindowsStructs.StartupInfo startup = new WindowsStructs.StartupInfo();
        assertEquals(104, startup.size(), "STARTUPINFOW");
        assertEquals(104, startup.cb, "cb is filled with the size, as CreateProcessW requires");
        assertEquals(60, offset(startup, "dwFlags"));
        assertEquals(64, offset(startup, "wShowWindow"));
        assertEquals(72, offset(startup, "lpReserved2"), "after 2 + 2 bytes and padding to 8");
        assertEquals(96, offset(startup, "hStdError"));
        WindowsStructs.ProcessInformation created = new WindowsStructs.ProcessInformation();
        assertEquals(24, created.size(), "PROCESS_INFORMATION");
        assertEquals(16, offset(created, "dwProcessId"));
    }

    @Test
    void jobStructuresHaveTheHeadersSizesAndOffsets() {
        WindowsStructs.BasicLimits basic = new WindowsStructs.BasicLimits();
        assertEquals(64, basic.size(), "JOBOBJECT_BASIC_LIMIT_INFORMATION");
        assertEquals(16, offset(basic, "LimitFlags"));
        assertEquals(24, offset(basic, "MinimumWorkingSetSize"), "SIZE_T aligned to 8 after the DWORD");
        assertEquals(40, offset(basic, "ActiveProcessLimit"));
        assertEquals(48, offset(basic, "Affinity"));
        assertEquals(48, new WindowsStructs.IoCounters().size(), "IO_COUNTERS");
        WindowsStructs.ExtendedLimits extended = new WindowsStructs.ExtendedLimits();
        assertEquals(144, extended.size(), "JOBOBJECT_EXTENDED_LIMIT_INFORMATION");
        assertEquals(64, offset(extended, "IoInfo"));
        assertEquals(112, offset(extended, "ProcessMemoryLimit"));
        WindowsStructs.Accounting accounting = new WindowsStructs.Accounting();
        assertEquals(48, accounting.size(), "JOBOBJECT_BASIC_ACCOUNTING_INFORMATION");
        assertEquals(40, offset(accounting, "ActiveProcesses"));
    }

    @Test
    void theKillOnCloseFlagLandsWhereTheKernelReadsIt() {
        WindowsStructs.ExtendedLimits limits = new WindowsStructs.ExtendedLimits();
        limits.BasicLimitInformation.LimitFlags = WindowsKernel32.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
        limits.write();
        assertEquals(0x2000, limits.getPointer().getInt(16), "LimitFlags at byte 16 of the block passed");
    }

    @Test
    void theActiveProcessCountIsReadFromItsOffset() {
        Memory written = new Memory(48);
        written.clear();
        written.setInt(32, 7); // TotalPageFaultCount
        written.setInt(36, 5); // TotalProcesses
        written.setInt(40, 3); // ActiveProcesses
        written.setInt(44, 2); // TotalTerminatedProcesses
        WindowsStructs.Accounting accounting = new WindowsStructs.Accounting(written);
        assertEquals(3, accounting.ActiveProcesses);
        assertEquals(5, accounting.TotalProcesses);
    }
}
