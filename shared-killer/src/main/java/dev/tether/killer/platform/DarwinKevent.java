package dev.tether.killer.platform;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code struct kevent} of macOS's {@code <sys/event.h>} (64-bit: {@code uintptr_t ident; int16_t filter;
 * uint16_t flags; uint32_t fflags; intptr_t data; void *udata;}, 32 bytes), and the constants the macos
 * backend's process events use. {@code DarwinKeventTest} derives the offsets from that field list.
 */
record DarwinKevent(long ident, short filter, short flags, int fflags, long data) {
    static final int SIZE = 32;
    static final int IDENT = 0;
    static final int FILTER = 8;
    static final int FLAGS = 10;
    static final int FFLAGS = 12;
    static final int DATA = 16;
    static final int UDATA = 24;

    static final short EVFILT_PROC = -5;
    static final short EVFILT_USER = -10;
    static final short EV_ADD = 0x0001;
    static final short EV_CLEAR = 0x0020;
    static final short EV_ERROR = 0x4000;
    static final int NOTE_EXIT = 0x80000000;
    static final int NOTE_FORK = 0x40000000;
    /** For EVFILT_USER: fire the event (wakes the thread blocked in kevent()). */
    static final int NOTE_TRIGGER = 0x01000000;

    /** Asks for fork and exit events of {@code pid} until it exits (the kernel drops the note then). */
    static DarwinKevent watchForkAndExit(int pid) {
        return new DarwinKevent(pid, EVFILT_PROC, (short) (EV_ADD | EV_CLEAR), NOTE_FORK | NOTE_EXIT, 0);
    }

    /** The user event that wakes the reader: added once, then triggered to wake it. */
    static DarwinKevent userEvent(boolean trigger) {
        return trigger
                ? new DarwinKevent(1, EVFILT_USER, (short) 0, NOTE_TRIGGER, 0)
                : new DarwinKevent(1, EVFILT_USER, (short) (EV_ADD | EV_CLEAR), 0, 0);
    }

    boolean isProcessEvent() {
        return filter == EVFILT_PROC && (flags & EV_ERROR) == 0;
    }

    void writeTo(ByteBuffer buffer, int base) {
        ByteBuffer out = buffer.duplicate().order(ByteOrder.nativeOrder());
        out.putLong(base + IDENT, ident);
        out.putShort(base + FILTER, filter);
        out.putShort(base + FLAGS, flags);
        out.putInt(base + FFLAGS, fflags);
        out.putLong(base + DATA, data);
        out.putLong(base + UDATA, 0L);
    }

    /** The first {@code count} records of {@code buffer}, as kevent() filled them. */
    static List<DarwinKevent> readAll(ByteBuffer buffer, int count) {
        ByteBuffer in = buffer.duplicate().order(ByteOrder.nativeOrder());
        List<DarwinKevent> events = new ArrayList<>(count);
        for (int base = 0; base < count * SIZE; base += SIZE) {
            events.add(new DarwinKevent(
                    in.getLong(base + IDENT),
                    in.getShort(base + FILTER),
                    in.getShort(base + FLAGS),
                    in.getInt(base + FFLAGS),
                    in.getLong(base + DATA)));
        }
        return events;
    }
}
