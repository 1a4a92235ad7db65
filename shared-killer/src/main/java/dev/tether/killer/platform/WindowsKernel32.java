package dev.tether.killer.platform;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;

/**
 * The kernel32 calls of the windows backend: Job Objects, a process created suspended, console control events.
 * Strings are passed as UTF-16 buffers ({@link WindowsText}), never through a type mapper, so the same
 * declarations hold on every JNA set-up. Loaded only on Windows; declared here so that it compiles everywhere.
 */
interface WindowsKernel32 extends Library {
    int CREATE_SUSPENDED = 0x0000_0004;
    int CREATE_NEW_PROCESS_GROUP = 0x0000_0200;
    int CREATE_UNICODE_ENVIRONMENT = 0x0000_0400;
    int CREATE_NO_WINDOW = 0x0800_0000;
    int JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x0000_2000;
    int JOB_OBJECT_BASIC_ACCOUNTING_INFORMATION = 1;
    int JOB_OBJECT_EXTENDED_LIMIT_INFORMATION = 9;
    int CTRL_BREAK_EVENT = 1;
    int STARTF_USESTDHANDLES = 0x0000_0100;

    Pointer CreateJobObjectW(Pointer securityAttributes, Pointer name);

    boolean SetInformationJobObject(Pointer job, int informationClass, Structure information, int length);

    boolean QueryInformationJobObject(
            Pointer job, int informationClass, Structure information, int length, IntByReference returned);

    boolean CreateProcessW(
            Pointer applicationName,
            Pointer commandLine,
            Pointer processAttributes,
            Pointer threadAttributes,
            boolean inheritHandles,
            int creationFlags,
            Pointer environment,
            Pointer currentDirectory,
            WindowsStructs.StartupInfo startupInfo,
            WindowsStructs.ProcessInformation processInformation);

    boolean AssignProcessToJobObject(Pointer job, Pointer process);

    int ResumeThread(Pointer thread);

    boolean TerminateJobObject(Pointer job, int exitCode);

    boolean TerminateProcess(Pointer process, int exitCode);

    /** CTRL_BREAK_EVENT to a process group: the graceful step (a console child made with CREATE_NEW_PROCESS_GROUP). */
    boolean GenerateConsoleCtrlEvent(int event, int processGroupId);

    boolean CloseHandle(Pointer handle);

    static WindowsKernel32 load() {
        return Native.load("kernel32", WindowsKernel32.class);
    }
}
