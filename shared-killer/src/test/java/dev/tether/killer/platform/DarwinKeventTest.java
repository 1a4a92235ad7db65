package dev.tether.killer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** struct kevent as macOS's {@code <sys/event.h>} lays it out on 64-bit, and the records written and read. */
class DarwinKeventTest {
    private static final CStructLayout KEVENT = new CStructLayout()
            .add("ident", 8, 8) // uintptr_t
            .add("filter", 2, 2) // int16_t
            .add("flags", 2, 2) // uint16_t
            .add("fflags", 4, 4) // uint32_t
            .add("data", 8, 8) // intptr_t
            .add("udata", 8, 8) // void *
            .end();

    @Test
    void theOffsetsAreTheHeadersAndTheSizeIsSizeofStructKevent() {
        assertEquals(DarwinKevent.SIZE, KEVENT.size);
        assertEquals(DarwinKevent.IDENT, KEVENT.offsets.get("ident"));
        assertEquals(DarwinKevent.FILTER, KEVENT.offsets.get("filter"));
        assertEquals(DarwinKevent.FLAGS, KEVENT.offsets.get("flags"));
        assertEquals(DarwinKevent.FFLAGS, KEVENT.offsets.get("fflags"));
        assertEquals(DarwinKevent.DATA, KEVENT.offsets.get("data"));
        assertEquals(DarwinKevent.UDATA, KEVENT.offsets.get("udata"));
    }

    @Test
    void aWatchOfForkAndExitIsWrittenAsTheKernelReadsItAndReadBack() {
        ByteBuffer buffer = ByteBuffer.allocate(DarwinKevent.SIZE * 2);
        DarwinKevent watch = DarwinKevent.watchForkAndExit(4242);
        watch.writeTo(buffer, 0);
        DarwinKevent.userEvent(true).writeTo(buffer, DarwinKevent.SIZE);

        List<DarwinKevent> back = DarwinKevent.readAll(buffer, 2);

        assertEquals(watch, back.get(0));
        assertEquals(-5, back.get(0).filter(), "EVFILT_PROC");
        assertEquals(0x0001 | 0x0020, back.get(0).flags(), "EV_ADD | EV_CLEAR");
        assertEquals(0x80000000 | 0x40000000, back.get(0).fflags(), "NOTE_EXIT | NOTE_FORK");
        assertTrue(back.get(0).isProcessEvent());
        assertFalse(back.get(1).isProcessEvent(), "the wake-up is a user event");
        assertEquals(0x01000000, back.get(1).fflags(), "NOTE_TRIGGER");
    }

    @Test
    void aProcessEventTheKernelFlaggedAsAnErrorIsNoEvent() {
        DarwinKevent failed = new DarwinKevent(4242, DarwinKevent.EVFILT_PROC, DarwinKevent.EV_ERROR, 0, 3);
        assertFalse(failed.isProcessEvent(), "EV_ERROR with data ESRCH: the process was gone");
    }
}
