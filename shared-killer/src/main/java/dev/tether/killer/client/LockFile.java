package dev.tether.killer.client;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One file of this JVM's that other processes of this user lock too: a POSIX record lock through
 * {@code FileChannel.tryLock}. Those locks belong to the process, and closing any descriptor of the file drops them
 * all, so the channel is opened once and kept open, and at most one lock is held. Not thread-safe: its owner's
 * monitor guards it.
 */
final class LockFile {
    private final Path file;
    private FileChannel channel;
    private FileLock held;

    LockFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    boolean isHeld() {
        return held != null;
    }

    /**
     * One non-blocking try. Also true, with nothing held, when the file cannot be opened or locked here (a file
     * system without locks): the launch locks only narrow when a daemon is ambiguous, and a stop names any daemon it
     * could not attribute, so launches go on without them.
     */
    boolean tryLock(boolean shared) {
        release(); // the JDK refuses a second lock of one JVM on the same range: a change of mode is a new lock
        try {
            if (channel == null) {
                channel = FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.READ, // a shared lock needs it
                        StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
            }
            held = channel.tryLock(0, Long.MAX_VALUE, shared);
            return held != null;
        } catch (IOException | UnsupportedOperationException | OverlappingFileLockException e) {
            held = null;
            return true;
        }
    }

    /** Whether another process holds it exclusive right now (a shared try, let go at once). */
    boolean heldExclusiveElsewhere() {
        if (held != null) {
            return false;
        }
        boolean free = tryLock(true);
        release();
        return !free;
    }

    void release() {
        if (held == null) {
            return;
        }
        try {
            held.release();
        } catch (IOException e) {
            // the channel stays open; a lock it could not release is dropped when the JVM exits
        }
        held = null;
    }
}
