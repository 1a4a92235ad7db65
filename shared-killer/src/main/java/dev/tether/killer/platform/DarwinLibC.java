package dev.tether.killer.platform;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;

/**
 * The macOS libc calls the macos backend adds to POSIX: {@code sysctl(3)} for the process table and environments,
 * {@code kqueue(2)} for process events, {@code proc_pidinfo} for unique ids. Loaded only on macOS.
 */
interface DarwinLibC extends Library {
    int CTL_KERN = 1;
    int KERN_ARGMAX = 8;
    int KERN_PROCARGS2 = 49;
    int KERN_PROC = 14;
    int KERN_PROC_ALL = 0;

    int sysctl(int[] name, int nameLength, Pointer old, LongByReference oldLength, Pointer fresh, long freshLength)
            throws LastErrorException;

    int kqueue() throws LastErrorException;

    int kevent(int kq, Pointer changes, int changeCount, Pointer events, int eventCount, Pointer timeout)
            throws LastErrorException;

    int close(int fd) throws LastErrorException;

    /** Bytes written to {@code buffer}, 0 when the process is gone (or not this user's, for some flavors). */
    int proc_pidinfo(int pid, int flavor, long argument, Pointer buffer, int bufferSize) throws LastErrorException;

    static DarwinLibC load() {
        return Native.load("c", DarwinLibC.class);
    }
}
