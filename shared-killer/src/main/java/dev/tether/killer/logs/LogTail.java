package dev.tether.killer.logs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file, for failure messages: read from the end, never the whole file. */
public final class LogTail {
    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {}

    public static List<String> lastLines(Path file, int count) {
        if (!Files.isReadable(file)) {
            return List.of();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            in.seek(length - size);
            in.readFully(bytes);
            List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
            return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The tail formatted for an error message, or a note that the log is empty. */
    public static String forMessage(Path file, int count) {
        List<String> lines = lastLines(file, count);
        if (lines.isEmpty() || lines.size() == 1 && lines.get(0).isEmpty()) {
            return "\n  (its log " + file + " is empty)";
        }
        StringBuilder out = new StringBuilder("\n  last " + lines.size() + " lines of " + file + ":");
        for (String line : lines) {
            out.append("\n  | ").append(line);
        }
        return out.toString();
    }
}
