package dev.tether.killer.platform;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.tether.killer.TetherException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One fixture's tree on Windows: a Job Object. The process is created suspended, assigned to the job, and only
 * then resumed, so not even its first instruction runs outside it and every process it starts is born inside
 * (no breakaway is allowed). JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE makes the kernel end the whole job when the last
 * handle closes, which happens when the holder (the supervisor) dies in any way: the owner-death guarantee
 * without a watchdog. A stop sends CTRL_BREAK_EVENT to the console process group first (the child is made with
 * CREATE_NEW_PROCESS_GROUP, so the group id is its pid), then TerminateJobObject; the tree is empty when the
 * job's accounting counts no active process.
 *
 * <p>Not yet wired into the supervisor (see the Platforms page): the calls and their layouts are unit-tested on
 * Linux, the calls themselves by tests that run only on Windows.
 */
final class WindowsJob implements AutoCloseable {
    private final WindowsKernel32 kernel32;
    private final Pointer job;
    private Pointer process;
    private int pid;

    private WindowsJob(WindowsKernel32 kernel32, Pointer job) {
        this.kernel32 = kernel32;
        this.job = job;
    }

    /** A new job whose processes all die when it is closed, and which none may leave. */
    static WindowsJob create(WindowsKernel32 kernel32) {
        Pointer job = kernel32.CreateJobObjectW(null, null);
        if (job == null) {
            throw failure("CreateJobObjectW", "creating the Job Object for a fixture");
        }
        WindowsStructs.ExtendedLimits limits = new WindowsStructs.ExtendedLimits();
        limits.BasicLimitInformation.LimitFlags = WindowsKernel32.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
        limits.write();
        if (!kernel32.SetInformationJobObject(
                job, WindowsKernel32.JOB_OBJECT_EXTENDED_LIMIT_INFORMATION, limits, limits.size())) {
            RuntimeException error = failure("SetInformationJobObject", "setting KILL_ON_JOB_CLOSE");
            kernel32.CloseHandle(job);
            throw error;
        }
        return new WindowsJob(kernel32, job);
    }

    /** Starts {@code argv} inside the job (suspended, assigned, resumed) and returns its pid. */
    int start(List<String> argv, Map<String, String> environment, Path directory) {
        WindowsStructs.StartupInfo startup = new WindowsStructs.StartupInfo();
        WindowsStructs.ProcessInformation created = new WindowsStructs.ProcessInformation();
        int flags = WindowsKernel32.CREATE_SUSPENDED
                | WindowsKernel32.CREATE_NEW_PROCESS_GROUP
                | WindowsKernel32.CREATE_UNICODE_ENVIRONMENT
                | WindowsKernel32.CREATE_NO_WINDOW;
        if (!kernel32.CreateProcessW(
                null,
                WindowsText.wide(WindowsText.commandLine(argv)),
                null,
                null,
                false,
                flags,
                WindowsText.wide(WindowsText.environmentBlock(environment)),
                WindowsText.wide(directory.toString()),
                startup,
                created)) {
            throw failure("CreateProcessW", "starting " + argv);
        }
        if (!kernel32.AssignProcessToJobObject(job, created.hProcess)) {
            RuntimeException error = failure("AssignProcessToJobObject", "putting " + argv + " in its job");
            kernel32.TerminateProcess(created.hProcess, 1); // still suspended: it never ran
            kernel32.CloseHandle(created.hThread);
            kernel32.CloseHandle(created.hProcess);
            throw error;
        }
        kernel32.ResumeThread(created.hThread);
        kernel32.CloseHandle(created.hThread);
        process = created.hProcess;
        pid = created.dwProcessId;
        return pid;
    }

    /** The graceful step: CTRL_BREAK_EVENT to the console process group the fixture leads. */
    boolean askToStop() {
        return pid != 0 && kernel32.GenerateConsoleCtrlEvent(WindowsKernel32.CTRL_BREAK_EVENT, pid);
    }

    /** The KILL step: every process of the job, at once. */
    void terminate() {
        if (!kernel32.TerminateJobObject(job, 1)) {
            throw failure("TerminateJobObject", "ending the fixture's job");
        }
    }

    /** How many processes of the job still run (JOBOBJECT_BASIC_ACCOUNTING_INFORMATION.ActiveProcesses). */
    int activeProcesses() {
        WindowsStructs.Accounting accounting = new WindowsStructs.Accounting();
        if (!kernel32.QueryInformationJobObject(
                job, WindowsKernel32.JOB_OBJECT_BASIC_ACCOUNTING_INFORMATION, accounting, accounting.size(), null)) {
            throw failure("QueryInformationJobObject", "counting the job's processes");
        }
        accounting.read();
        return accounting.ActiveProcesses;
    }

    /** Closing the last handle ends whatever still runs in the job (KILL_ON_JOB_CLOSE). */
    @Override
    public void close() {
        if (process != null) {
            kernel32.CloseHandle(process);
            process = null;
        }
        kernel32.CloseHandle(job);
    }

    private static RuntimeException failure(String call, String doing) {
        int error = Native.getLastError();
        return new TetherException(call + " failed while " + doing + " (Windows error " + error
                + "). Run `mvn tether:doctor` on this machine and report the output.");
    }
}
