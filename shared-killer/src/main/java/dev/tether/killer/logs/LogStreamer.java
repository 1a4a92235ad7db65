package dev.tether.killer.logs;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Copies new lines of fixture logs to a sink (the Maven log, stdout) as {@code [id] line}. Reads the files the
 * fixtures write, so a slow or absent reader can never block a fixture (no pipe involved).
 */
public final class LogStreamer implements AutoCloseable {
    private static final long PERIOD_MILLIS = 50;
    /**
     * A fixture that writes faster than the build log can print (a chatty server, {@code yes}) is skipped ahead
     * rather than followed forever: the whole log is on disk; the console gets a note and what comes next.
     */
    static final long MAX_BEHIND = 8L << 20;
    /** At the stop, at most this much is still printed: a stop never waits on draining a flood. */
    static final long MAX_FINAL = 256L << 10;

    private final Consumer<String> sink;
    private final Map<String, Tail> tails = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public LogStreamer(Consumer<String> sink) {
        this.sink = sink;
        this.thread = new Thread(this::run, "tether-log-stream");
        thread.setDaemon(true);
        thread.start();
    }

    public void follow(String id, Path log) {
        tails.put(id, new Tail(id, log));
    }

    private void run() {
        while (running) {
            drain();
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void drain() {
        tails.values().forEach(Tail::emitNewLines);
    }

    /** Emits what is left (its last {@link #MAX_FINAL} bytes at most), then stops. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        tails.values().forEach(tail -> tail.skipIfBehind(MAX_FINAL));
        drain();
        tails.values().forEach(Tail::emitRest);
    }

    private final class Tail {
        private final String id;
        private final Path log;
        private final AppendedLines lines;

        Tail(String id, Path log) {
            this.id = id;
            this.log = log;
            this.lines = new AppendedLines(log);
        }

        void emitNewLines() {
            skipIfBehind(MAX_BEHIND);
            lines.next().forEach(line -> sink.accept("[" + id + "] " + line));
        }

        synchronized void skipIfBehind(long limit) {
            long behind = lines.behind();
            if (behind > limit) {
                lines.skipToNearEnd(limit / 4);
                sink.accept("[" + id + "] ... " + (behind - limit / 4) + " bytes of output not shown here; the"
                        + " whole log is " + log);
            }
        }

        void emitRest() {
            String rest = lines.rest();
            if (!rest.isEmpty()) {
                sink.accept("[" + id + "] " + rest);
            }
        }
    }
}
