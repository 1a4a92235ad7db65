package dev.tether.killer.platform;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * The Win32 structures the windows backend passes, for 64-bit Windows (x64 and arm64, the only ones a Java 17+
 * build runs on in practice). Field types follow the SDK headers: DWORD as int, LARGE_INTEGER, ULONGLONG, SIZE_T
 * and ULONG_PTR as long, HANDLE and pointers as Pointer; never NativeLong (4 bytes on Windows, 8 on Linux), so the
 * sizes JNA computes on Linux x86-64 are the Windows x64 ones, which the unit tests compare with the headers'.
 */
final class WindowsStructs {
    private WindowsStructs() {}

    /** STARTUPINFOW (processthreadsapi.h): 104 bytes. */
    @Structure.FieldOrder({
        "cb",
        "lpReserved",
        "lpDesktop",
        "lpTitle",
        "dwX",
        "dwY",
        "dwXSize",
        "dwYSize",
        "dwXCountChars",
        "dwYCountChars",
        "dwFillAttribute",
        "dwFlags",
        "wShowWindow",
        "cbReserved2",
        "lpReserved2",
        "hStdInput",
        "hStdOutput",
        "hStdError"
    })
    public static class StartupInfo extends Structure {
        public int cb;
        public Pointer lpReserved;
        public Pointer lpDesktop;
        public Pointer lpTitle;
        public int dwX;
        public int dwY;
        public int dwXSize;
        public int dwYSize;
        public int dwXCountChars;
        public int dwYCountChars;
        public int dwFillAttribute;
        public int dwFlags;
        public short wShowWindow;
        public short cbReserved2;
        public Pointer lpReserved2;
        public Pointer hStdInput;
        public Pointer hStdOutput;
        public Pointer hStdError;

        public StartupInfo() {
            cb = size();
        }
    }

    /** PROCESS_INFORMATION: 24 bytes. */
    @Structure.FieldOrder({"hProcess", "hThread", "dwProcessId", "dwThreadId"})
    public static class ProcessInformation extends Structure {
        public Pointer hProcess;
        public Pointer hThread;
        public int dwProcessId;
        public int dwThreadId;
    }

    /** JOBOBJECT_BASIC_LIMIT_INFORMATION (winnt.h): 64 bytes. */
    @Structure.FieldOrder({
        "PerProcessUserTimeLimit",
        "PerJobUserTimeLimit",
        "LimitFlags",
        "MinimumWorkingSetSize",
        "MaximumWorkingSetSize",
        "ActiveProcessLimit",
        "Affinity",
        "PriorityClass",
        "SchedulingClass"
    })
    public static class BasicLimits extends Structure {
        public long PerProcessUserTimeLimit;
        public long PerJobUserTimeLimit;
        public int LimitFlags;
        public long MinimumWorkingSetSize;
        public long MaximumWorkingSetSize;
        public int ActiveProcessLimit;
        public long Affinity;
        public int PriorityClass;
        public int SchedulingClass;
    }

    /** IO_COUNTERS: six ULONGLONG, 48 bytes. */
    @Structure.FieldOrder({
        "ReadOperationCount",
        "WriteOperationCount",
        "OtherOperationCount",
        "ReadTransferCount",
        "WriteTransferCount",
        "OtherTransferCount"
    })
    public static class IoCounters extends Structure {
        public long ReadOperationCount;
        public long WriteOperationCount;
        public long OtherOperationCount;
        public long ReadTransferCount;
        public long WriteTransferCount;
        public long OtherTransferCount;
    }

    /** JOBOBJECT_EXTENDED_LIMIT_INFORMATION: 144 bytes. */
    @Structure.FieldOrder({
        "BasicLimitInformation",
        "IoInfo",
        "ProcessMemoryLimit",
        "JobMemoryLimit",
        "PeakProcessMemoryUsed",
        "PeakJobMemoryUsed"
    })
    public static class ExtendedLimits extends Structure {
        public BasicLimits BasicLimitInformation = new BasicLimits();
        public IoCounters IoInfo = new IoCounters();
        public long ProcessMemoryLimit;
        public long JobMemoryLimit;
        public long PeakProcessMemoryUsed;
        public long PeakJobMemoryUsed;
    }

    /** JOBOBJECT_BASIC_ACCOUNTING_INFORMATION: 48 bytes; ActiveProcesses is how many of the job still run. */
    @Structure.FieldOrder({
        "TotalUserTime", "TotalKernelTime", "ThisPeriodTotalUserTime", "ThisPeriodTotalKernelTime",
        "TotalPageFaultCount", "TotalProcesses", "ActiveProcesses", "TotalTerminatedProcesses"
    })
    public static class Accounting extends Structure {
        public long TotalUserTime;
        public long TotalKernelTime;
        public long ThisPeriodTotalUserTime;
        public long ThisPeriodTotalKernelTime;
        public int TotalPageFaultCount;
        public int TotalProcesses;
        public int ActiveProcesses;
        public int TotalTerminatedProcesses;

        public Accounting() {}

        Accounting(Pointer memory) {
            super(memory);
            read();
        }
    }
}
