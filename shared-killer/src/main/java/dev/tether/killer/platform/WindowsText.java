package dev.tether.killer.platform;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What CreateProcessW takes as text: one command line that the child's C runtime (CommandLineToArgvW rules)
 * splits back into exactly the argv given, an environment block, and UTF-16 buffers. Pure logic, unit-tested on
 * every OS; a wrong quote here would hand a server a different argument than the user wrote.
 */
final class WindowsText {
    private WindowsText() {}

    /** The command line whose parse by CommandLineToArgvW is {@code argv}. */
    static String commandLine(List<String> argv) {
        StringBuilder line = new StringBuilder();
        for (String argument : argv) {
            if (line.length() > 0) {
                line.append(' ');
            }
            quote(argument, line);
        }
        return line.toString();
    }

    /**
     * Backslashes are literal unless they precede a double quote: 2n backslashes and a quote mean n backslashes
     * and the end (or start) of a quoted part; 2n+1 and a quote mean n backslashes and a literal quote.
     */
    private static void quote(String argument, StringBuilder line) {
        boolean plain = !argument.isEmpty()
                && argument.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '"');
        if (plain) {
            line.append(argument);
            return;
        }
        line.append('"');
        int backslashes = 0;
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c == '\\') {
                backslashes++;
                continue;
            }
            if (c == '"') {
                line.append("\\".repeat(backslashes * 2 + 1)).append('"');
            } else {
                line.append("\\".repeat(backslashes)).append(c);
            }
            backslashes = 0;
        }
        line.append("\\".repeat(backslashes * 2)).append('"');
    }

    /**
     * The environment block of CREATE_UNICODE_ENVIRONMENT: "NAME=value" entries sorted by name without regard to
     * case (as Windows expects), each ended by a NUL, and one more NUL at the end.
     *
     * @throws IllegalArgumentException for a name Windows cannot hold: empty, or with '=' or NUL
     */
    static String environmentBlock(Map<String, String> environment) {
        Map<String, String> sorted = new TreeMap<>((a, b) -> {
            int ignoringCase = a.toUpperCase(Locale.ROOT).compareTo(b.toUpperCase(Locale.ROOT));
            return ignoringCase != 0 ? ignoringCase : a.compareTo(b);
        });
        environment.forEach((name, value) -> {
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("the environment variable '" + name.replace("\0", "\\0")
                        + "' cannot be passed on Windows: a name must be non-empty, without '=' or NUL");
            }
            sorted.put(name, value);
        });
        StringBuilder block = new StringBuilder();
        sorted.forEach(
                (name, value) -> block.append(name).append('=').append(value).append('\0'));
        if (sorted.isEmpty()) {
            block.append('\0'); // an empty block is two NULs
        }
        return block.append('\0').toString();
    }

    /** A NUL-terminated UTF-16LE copy of {@code text} in native memory (CreateProcessW may write into it). */
    static Memory wide(String text) {
        byte[] bytes = (text + '\0').getBytes(StandardCharsets.UTF_16LE);
        Memory memory = new Memory(bytes.length);
        memory.write(0, bytes, 0, bytes.length);
        return memory;
    }
}
