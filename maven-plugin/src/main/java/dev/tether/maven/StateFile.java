package dev.tether.maven;

import dev.tether.killer.client.TreeRecord;
import dev.tether.killer.fixture.FixtureGroup;
import dev.tether.killer.fixture.RunningFixture;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code target/tether/ports.properties} (for tools outside Maven) and {@code fixtures.state} (what tether:status
 * reads): one line per live fixture: its id (URL-encoded), its {@link TreeRecord}, then {@code name=port} words. Status only
 * reads and never signals, and every identity in it carries a start time, so a stale or edited file can make
 * status report "not running", never point it at a stranger.
 */
final class StateFile {
    static final String PORTS = "ports.properties";
    static final String STATE = "fixtures.state";

    /** One fixture as recorded. */
    record Entry(String id, TreeRecord tree, Map<String, Integer> ports) {}

    private StateFile() {}

    /** Records every running group of the project (a second start execution adds to the first). */
    static void write(Path directory, Collection<FixtureGroup> groups) throws IOException {
        Files.createDirectories(directory);
        Properties ports = new Properties();
        StringBuilder state = new StringBuilder();
        for (FixtureGroup group : groups) {
            group.ports().forEach((name, port) -> ports.setProperty("tether.port." + name, Integer.toString(port)));
            for (RunningFixture fixture : group.fixtures()) {
                state.append(URLEncoder.encode(fixture.id(), StandardCharsets.UTF_8))
                        .append(' ')
                        .append(fixture.treeRecord().format());
                new TreeMap<>(fixture.ports())
                        .forEach((name, port) ->
                                state.append(' ').append(name).append('=').append(port));
                state.append('\n');
            }
        }
        try (var out = Files.newBufferedWriter(directory.resolve(PORTS), StandardCharsets.UTF_8)) {
            ports.store(out, "Ports allocated by Tether for this build");
        }
        Files.writeString(directory.resolve(STATE), state, StandardCharsets.UTF_8);
    }

    /**
     * The recorded fixtures; none when there is no state file.
     *
     * @throws IOException when the file cannot be read, or a line does not follow the format (naming the line)
     */
    static List<Entry> read(Path directory) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Path file = directory.resolve(STATE);
        if (!Files.exists(file)) {
            return entries;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).trim();
            if (!line.isEmpty()) {
                entries.add(parse(file, number, line));
            }
        }
        return entries;
    }

    private static Entry parse(Path file, int number, String line) throws IOException {
        String[] words = line.split(" +");
        try {
            if (words.length < 1 + TreeRecord.WORDS) {
                throw new IllegalArgumentException("too few words");
            }
            TreeRecord tree = TreeRecord.parse(Arrays.copyOfRange(words, 1, 1 + TreeRecord.WORDS));
            Map<String, Integer> ports = new TreeMap<>();
            for (int i = 1 + TreeRecord.WORDS; i < words.length; i++) {
                int equals = words[i].indexOf('=');
                if (equals < 1) {
                    throw new IllegalArgumentException("not name=port: '" + words[i] + "'");
                }
                ports.put(words[i].substring(0, equals), Integer.parseInt(words[i].substring(equals + 1)));
            }
            return new Entry(URLDecoder.decode(words[0], StandardCharsets.UTF_8), tree, ports);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " line " + number + " is not a Tether state record (" + e.getMessage()
                    + "). It was written by another Tether version or edited; delete it and run tether:start again.");
        }
    }

    static void delete(Path directory) throws IOException {
        Files.deleteIfExists(directory.resolve(STATE));
    }
}
