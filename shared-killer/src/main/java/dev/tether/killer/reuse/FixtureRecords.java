package dev.tether.killer.reuse;

import dev.tether.killer.client.TreeRecord;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A file of running fixtures, one line each: the id (URL-encoded), its {@link TreeRecord}, its
 * {@link FixtureFingerprint}, its log file (URL-encoded), then {@code name=port} words. The Maven plugin writes
 * one for {@code tether:status} and, under {@code tether:run}, one for reuse. Readers only look and never
 * signal on its word alone: every identity carries a start time, so a stale or edited file can make a fixture
 * count as gone, never point Tether at a stranger.
 */
public final class FixtureRecords {
    /** Words before the ports: id, the tree record's, fingerprint, log. */
    private static final int FIXED_WORDS = 1 + TreeRecord.WORDS + 2;

    /** One fixture as recorded. */
    public record Entry(String id, TreeRecord tree, String fingerprint, Path log, Map<String, Integer> ports) {
        public Entry {
            ports = Map.copyOf(ports);
        }

        String format() {
            StringBuilder line = new StringBuilder()
                    .append(URLEncoder.encode(id, StandardCharsets.UTF_8))
                    .append(' ')
                    .append(tree.format())
                    .append(' ')
                    .append(fingerprint)
                    .append(' ')
                    .append(URLEncoder.encode(log.toString(), StandardCharsets.UTF_8));
            new TreeMap<>(ports)
                    .forEach((name, port) ->
                            line.append(' ').append(name).append('=').append(port));
            return line.toString();
        }
    }

    private FixtureRecords() {}

    public static void write(Path file, List<Entry> entries) throws IOException {
        String text = text(entries);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** The file's text: one line per entry. */
    public static String text(List<Entry> entries) {
        StringBuilder text = new StringBuilder();
        entries.forEach(entry -> text.append(entry.format()).append('\n'));
        return text.toString();
    }

    /**
     * The recorded fixtures; none when there is no such file.
     *
     * @throws IOException when the file cannot be read, is not a regular file, or a line does not follow the
     *     format (naming the file, the line and the fix)
     */
    public static List<Entry> read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return entries;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(ReuseMessages.notARecord(file.toString(), 0, "not a regular file"));
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).trim();
            if (!line.isEmpty()) {
                try {
                    entries.add(parse(line));
                } catch (IllegalArgumentException e) {
                    throw new IOException(ReuseMessages.notARecord(file.toString(), number, e.getMessage()), e);
                }
            }
        }
        return entries;
    }

    private static Entry parse(String line) {
        String[] words = line.split(" +");
        if (words.length < FIXED_WORDS) {
            throw new IllegalArgumentException("too few words");
        }
        TreeRecord tree = TreeRecord.parse(Arrays.copyOfRange(words, 1, 1 + TreeRecord.WORDS));
        String fingerprint = words[1 + TreeRecord.WORDS];
        if (!fingerprint.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("not a fingerprint: '" + fingerprint + "'");
        }
        Path log = Path.of(URLDecoder.decode(words[2 + TreeRecord.WORDS], StandardCharsets.UTF_8));
        Map<String, Integer> ports = new TreeMap<>();
        for (int i = FIXED_WORDS; i < words.length; i++) {
            int equals = words[i].indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("not name=port: '" + words[i] + "'");
            }
            ports.put(words[i].substring(0, equals), Integer.parseInt(words[i].substring(equals + 1)));
        }
        return new Entry(URLDecoder.decode(words[0], StandardCharsets.UTF_8), tree, fingerprint, log, ports);
    }
}
