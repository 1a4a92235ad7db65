package dev.tether.killer.supervisor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
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

    private final long limit;
    private final Supplier<Collection<Path>> logs;

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

    @Override
    public void run() {
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
