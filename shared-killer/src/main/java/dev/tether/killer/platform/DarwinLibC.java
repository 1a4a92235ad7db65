package dev.tether.killer.platform;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;

/** The one macOS libc call the macos backend adds to POSIX: {@code sysctl(3)}. Loaded only on macOS. */
interface DarwinLibC extends Library {
    int CTL_KERN = 1;
    int KERN_ARGMAX = 8;
    int KERN_PROCARGS2 = 49;
    int KERN_PROC = 14;
    int KERN_PROC_ALL = 0;

    int sysctl(int[] name, int nameLength, Pointer old, LongByReference oldLength, Pointer fresh, long freshLength)
            throws LastErrorException;

    static DarwinLibC load() {
        return Native.load("c", DarwinLibC.class);
    }
}
