package dev.tether.killer.platform;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.util.List;
import java.util.Optional;

/**
 * Process events from one kqueue: {@code EVFILT_PROC} with {@code NOTE_FORK | NOTE_EXIT} on each watched
 * process, delivered to one callback ("something happened: look now"), which re-reads the table rather than
 * trusting the event's pid (a fork event does not name the child). One daemon thread blocks in kevent(); an
 * {@code EVFILT_USER} event wakes it to close. Not run by this project's CI (macOS only); its structures are
 * unit-tested on Linux.
 */
final class MacProcessEvents implements ProcessEvents {
    private static final int BATCH = 16;
    private static final int EINTR = 4;

    private final DarwinLibC c;
    private final int kq;
    private final Runnable onEvent;
    private volatile boolean closed;

    private MacProcessEvents(DarwinLibC c, int kq, Runnable onEvent) {
        this.c = c;
        this.kq = kq;
        this.onEvent = onEvent;
    }

    /** Empty when the kqueue cannot be made (the periodic look then does the work alone). */
    static Optional<ProcessEvents> start(Runnable onEvent) {
        try {
            DarwinLibC c = DarwinLibC.load();
            int kq = c.kqueue();
            MacProcessEvents events = new MacProcessEvents(c, kq, onEvent);
            events.change(DarwinKevent.userEvent(false));
            Thread reader = new Thread(events::readUntilClosed, "tether-process-events");
            reader.setDaemon(true);
            reader.start();
            return Optional.of(events);
        } catch (LastErrorException | UnsatisfiedLinkError e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean watch(int pid) {
        try {
            change(DarwinKevent.watchForkAndExit(pid));
            return true;
        } catch (LastErrorException e) {
            return false; // ESRCH: it exited before it could be watched
        }
    }

    private void change(DarwinKevent event) {
        Memory change = new Memory(DarwinKevent.SIZE);
        event.writeTo(change.getByteBuffer(0, DarwinKevent.SIZE), 0);
        c.kevent(kq, change, 1, null, 0, null);
    }

    private void readUntilClosed() {
        Memory buffer = new Memory((long) DarwinKevent.SIZE * BATCH);
        try {
            while (!closed) {
                int count;
                try {
                    count = c.kevent(kq, null, 0, buffer, BATCH, null);
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == EINTR) {
                        continue;
                    }
                    return; // the queue is unusable: the periodic look goes on alone
                }
                List<DarwinKevent> events =
                        DarwinKevent.readAll(buffer.getByteBuffer(0, (long) DarwinKevent.SIZE * count), count);
                if (!closed && events.stream().anyMatch(DarwinKevent::isProcessEvent)) {
                    onEvent.run();
                }
            }
        } finally {
            c.close(kq);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            change(DarwinKevent.userEvent(true));
        } catch (LastErrorException e) {
            // already closed
        }
    }
}
