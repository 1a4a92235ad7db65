package dev.tether.killer.process;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads and parses /proc/PID/stat with one open, one read into a reused buffer and no intermediate strings: a
 * whole-table snapshot reads one such file per process, and the supervisor (a lean JVM, C1 only) took 30-140 us
 * per process through Files.readString and String.split (measured: 2-10 ms for 71 processes on every stop's
 * final check). Not thread-safe: one instance per reading thread.
 */
final class ProcStat {
    /** Longer than any stat line: 52 numeric fields of at most 20 digits and a name of at most 64 bytes. */
    private static final int LINE_BYTES = 4096;

    private static final int STATE = 0;
    private static final int PPID = 1;
    private static final int PGRP = 2;
    private static final int SESSION = 3;
    private static final int START_TIME = 19;

    private final byte[] line = new byte[LINE_BYTES];

    /** The process's row, or empty when it is gone (or the file is not what the kernel writes). */
    Optional<ProcessInfo> read(String statFile) {
        int length;
        try (FileInputStream in = new FileInputStream(statFile)) {
            length = in.readNBytes(line, 0, line.length);
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(line, length));
        } catch (RuntimeException e) {
            return Optional.empty(); // a torn or foreign file: treated like a process that is gone
        }
    }

    /**
     * Parses one stat line: "pid (name) state ppid pgrp session ... starttime ...". The name sits in parentheses
     * and may itself hold spaces and ')', so it ends at the last ')'.
     */
    static ProcessInfo parse(byte[] bytes, int length) {
        int open = indexOf(bytes, length, (byte) '(');
        int close = lastIndexOf(bytes, length, (byte) ')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException(
                    "not a stat line: " + new String(bytes, 0, length, StandardCharsets.ISO_8859_1));
        }
        int pid = (int) number(bytes, 0, open - 1);
        String name = new String(bytes, open + 1, close - open - 1, StandardCharsets.ISO_8859_1);
        long[] fields = new long[START_TIME + 1];
        char state = '?';
        int field = 0;
        int i = close + 2;
        while (field <= START_TIME && i < length) {
            int end = i;
            while (end < length && bytes[end] != ' ' && bytes[end] != '\n') {
                end++;
            }
            if (field == STATE) {
                state = (char) (bytes[i] & 0xff);
            } else {
                fields[field] = number(bytes, i, end);
            }
            field++;
            i = end + 1;
        }
        if (field <= START_TIME) {
            throw new IllegalArgumentException("a stat line with " + field + " fields after the name");
        }
        return new ProcessInfo(
                pid, (int) fields[PPID], (int) fields[PGRP], (int) fields[SESSION], fields[START_TIME], state, name);
    }

    /** A decimal number, possibly negative (tty_pgrp is -1 without a terminal), from {@code start} to {@code end}. */
    private static long number(byte[] bytes, int start, int end) {
        int i = start;
        while (i < end && bytes[i] == ' ') {
            i++;
        }
        boolean negative = i < end && bytes[i] == '-';
        if (negative) {
            i++;
        }
        if (i >= end) {
            throw new IllegalArgumentException("an empty number in a stat line");
        }
        long value = 0;
        for (; i < end && bytes[i] != ' '; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new IllegalArgumentException("not a number in a stat line at byte " + i);
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    private static int indexOf(byte[] bytes, int length, byte wanted) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] bytes, int length, byte wanted) {
        for (int i = length - 1; i >= 0; i--) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
