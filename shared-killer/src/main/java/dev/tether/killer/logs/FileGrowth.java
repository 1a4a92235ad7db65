package dev.tether.killer.logs;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Wakes a waiter when one of a few files is written or created, so a log probe sleeps until its log grows
 * instead of reading it every millisecond. Built on the JDK's WatchService where the kernel delivers the events
 * (inotify on Linux); where the JDK only polls (macOS, every few seconds) there is none, and callers poll
 * themselves. Events can be missed (a network file system), so callers still bound each wait.
 */
public final class FileGrowth implements AutoCloseable {
    private final WatchService watcher;
    private final Set<Path> files;
    private volatile boolean closed;

    private FileGrowth(WatchService watcher, Set<Path> files) {
        this.watcher = watcher;
        this.files = files;
    }

    /**
     * A watch on {@code files} (their directories must exist), or empty where changes are not delivered by the
     * kernel or a directory cannot be watched.
     */
    public static Optional<FileGrowth> of(Collection<Path> files) {
        Set<Path> watched = new HashSet<>();
        files.forEach(file -> watched.add(file.toAbsolutePath().normalize()));
        WatchService watcher;
        try {
            watcher = FileSystems.getDefault().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        try {
            if (watcher.getClass().getSimpleName().startsWith("Polling")) {
                watcher.close(); // a thread that lists the directory every few seconds: slower than polling
                return Optional.empty();
            }
            for (Path file : watched) {
                Path directory = file.getParent();
                if (directory == null || !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                    watcher.close();
                    return Optional.empty();
                }
                directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            }
            return Optional.of(new FileGrowth(watcher, Set.copyOf(watched)));
        } catch (IOException | RuntimeException e) {
            closeQuietly(watcher);
            return Optional.empty();
        }
    }

    /**
     * Returns when one of the files was written or created since the last call (or the watch lost events), when
     * {@code nanos} passed, or when {@link #close()} was called; once closed, it only sleeps {@code nanos}.
     *
     * @return true when a change (or the close) ended the wait, false when the time passed
     */
    public boolean await(long nanos) throws InterruptedException {
        if (closed) {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return false;
        }
        long deadline = System.nanoTime() + nanos;
        try {
            for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
                WatchKey key = watcher.poll(left, TimeUnit.NANOSECONDS);
                if (key == null) {
                    return false;
                }
                boolean ours = concernsOurFiles(key);
                key.reset();
                if (ours) {
                    return true;
                }
            }
            return false;
        } catch (ClosedWatchServiceException e) {
            return true; // closed while waiting: that is the wake-up
        }
    }

    /** Another file of the same directory (a sibling fixture's log) is no reason to wake. */
    private boolean concernsOurFiles(WatchKey key) {
        Path directory = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW
                    || files.contains(directory.resolve((Path) event.context()))) {
                return true;
            }
        }
        return false;
    }

    /** Ends the watch; a waiter returns at once. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(watcher);
    }

    private static void closeQuietly(WatchService watcher) {
        try {
            watcher.close();
        } catch (IOException e) {
            // its inotify descriptor is released with it either way
        }
    }
}
