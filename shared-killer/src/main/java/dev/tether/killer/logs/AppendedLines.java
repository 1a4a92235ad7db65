package dev.tether.killer.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The complete lines appended to a file since the last call: each call reads only the new bytes (at most
 * {@link #MAX_READ}), and keeps a partial last line until its newline arrives. Linear in what it reads, so a
 * fast writer never makes it fall further behind. For log probes and log streaming; a file that shrank (the
 * supervisor truncated an over-size log) is read again from its start.
 */
public final class AppendedLines {
    private static final int MAX_READ = 4 << 20;

    private final Path file;
    private long offset;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    public AppendedLines(Path file) {
        this.file = file;
    }

    public List<String> next() {
        List<String> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length < offset) {
                offset = 0; // truncated: what was there is gone, read what is there now
                partial.reset();
            }
            if (length > offset) {
                byte[] bytes = new byte[(int) Math.min(length - offset, MAX_READ)];
                in.seek(offset);
                in.readFully(bytes);
                offset += bytes.length;
                int start = 0;
                for (int i = 0; i < bytes.length; i++) {
                    if (bytes[i] == '\n') {
                        partial.write(bytes, start, i - start);
                        lines.add(partial.toString(StandardCharsets.UTF_8));
                        partial.reset();
                        start = i + 1;
                    }
                }
                partial.write(bytes, start, bytes.length - start);
            }
        } catch (IOException e) {
            // removed or unreadable for now: the next call tries again
        }
        return lines;
    }

    /** How many bytes the file holds beyond what was read. */
    long behind() {
        try {
            return Math.max(0, Files.size(file) - offset);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Skips to {@code bytesFromEnd} before the end of the file, dropping any partial line. */
    void skipToNearEnd(long bytesFromEnd) {
        try {
            offset = Math.max(offset, Files.size(file) - bytesFromEnd);
            partial.reset();
        } catch (IOException e) {
            // nothing to skip
        }
    }

    /** The unterminated last line, if any, given up (when the writer is gone). */
    String rest() {
        String rest = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        return rest;
    }
}
