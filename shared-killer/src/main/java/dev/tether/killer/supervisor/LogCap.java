package dev.tether.killer.supervisor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps every fixture's log under a size limit on disk (default {@link #DEFAULT_LIMIT}), so a fixture that
 * floods its output ({@code yes}, a debug logger in a loop) cannot fill the disk. A log over the limit is
 * truncated in place, with a note saying so: the fixture writes with O_APPEND, so its next write simply lands
 * at the new end, and readers in the owner notice the file shrank and read on from its start.
 */
final class LogCap implements Runnable {
    /** {@code TETHER_LOG_LIMIT}: bytes per fixture log, set by the owner from {@code -Dtether.logLimit}. */
    static final String VARIABLE = "TETHER_LOG_LIMIT";

    static final long DEFAULT_LIMIT = 64L << 20;
    private static final long PERIOD_MILLIS = 20;
    private static final long IDLE_PERIOD_MILLIS = 5000;

    private final long limit;
    private final Supplier<Collection<Path>> logs;
    private final Map<Path, WatchKey> watched = new ConcurrentHashMap<>();
    private volatile WatchService watcher;

    LogCap(long limit, Supplier<Collection<Path>> logs) {
        this.limit = limit;
        this.logs = logs;
    }

    static long limitFromEnvironment() {
        String value = System.getenv(VARIABLE);
        try {
            return value == null ? DEFAULT_LIMIT : Math.max(4096, Long.parseLong(value));
        } catch (NumberFormatException e) {
            return DEFAULT_LIMIT;
        }
    }

    /**
     * Looks at the logs when one of their directories changes (inotify through the JDK's WatchService), at most
     * every {@link #PERIOD_MILLIS}, and at least every {@link #IDLE_PERIOD_MILLIS} (for a directory that cannot be
     * watched): a supervisor whose fixtures write nothing wakes every few seconds instead of fifty times a second
     * (wake-ups are what an idle supervisor costs). Each new fixture's directory is watched from its spawn on.
     */
    @Override
    public void run() {
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            this.watcher = watcher;
            while (!Thread.currentThread().isInterrupted()) {
                for (Path log : logs.get()) {
                    follow(log);
                    enforce(log);
                }
                WatchKey changed = watcher.poll(IDLE_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
                if (changed != null) {
                    for (WatchKey key = changed; key != null; key = watcher.poll()) {
                        key.pollEvents();
                        key.reset();
                    }
                    Thread.sleep(PERIOD_MILLIS); // a log that grows is looked at up to fifty times a second
                }
            }
        } catch (IOException e) {
            pollForever(); // no inotify here: look every period as before
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // the supervisor is ending
        }
    }

    /** Watches a new fixture's log directory at once, so a log that floods from its first line is capped too. */
    void follow(Path log) {
        Path directory = log.toAbsolutePath().getParent();
        WatchService current = watcher;
        WatchKey key = directory == null ? null : watched.get(directory);
        if (current == null || directory == null || (key != null && key.isValid())) {
            return;
        }
        try {
            watched.put(directory, directory.register(current, StandardWatchEventKinds.ENTRY_MODIFY));
        } catch (IOException | ClosedWatchServiceException e) {
            watched.remove(directory); // gone, or not watchable (some network file systems): the idle period covers it
        }
    }

    private void pollForever() {
        while (!Thread.currentThread().isInterrupted()) {
            for (Path log : logs.get()) {
                enforce(log);
            }
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Truncates one log if it is over the limit; true if it did. */
    boolean enforce(Path log) {
        try {
            if (!Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS) || Files.size(log) <= limit) {
                return false;
            }
            try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                long size = channel.size();
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(("[tether] this log passed " + (limit >> 20) + " MiB (" + size
                                + " bytes) and was truncated here; set -Dtether.logLimit to keep more\n")
                        .getBytes(StandardCharsets.UTF_8)));
            }
            return true;
        } catch (IOException e) {
            return false; // gone, or not ours to write: the fixture's own problem, not a reason to stop
        }
    }
}
