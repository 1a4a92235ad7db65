package dev.tether.maven;

import dev.tether.killer.client.TreeRecord;
import dev.tether.killer.fixture.FixtureGroup;
import dev.tether.killer.fixture.RunningFixture;
import dev.tether.killer.reuse.FixtureRecords;
import dev.tether.killer.reuse.ReuseSetting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the plugin leaves in its directory: {@code ports.properties} (for tools outside Maven),
 * {@code fixtures.state} (what tether:status reads; written by start, removed by stop) and, while tether:run
 * keeps fixtures up, {@code run.state} (what reuse reads; removed when tether:run ends). Both state files are
 * {@link FixtureRecords}: every identity in them carries a start time, so a stale or edited file can make status
 * report "not running", never point it at a stranger.
 */
final class StateFile {
    static final String PORTS = "ports.properties";
    static final String STATE = "fixtures.state";
    static final String RUN = ReuseSetting.RECORD_FILE;

    private StateFile() {}

    /** Records every running group of the project (a second start execution adds to the first). */
    static void write(Path directory, Collection<FixtureGroup> groups) throws IOException {
        Files.createDirectories(directory);
        Map<String, Integer> ports = new TreeMap<>();
        groups.forEach(group -> ports.putAll(group.ports()));
        Files.writeString(directory.resolve(PORTS), portsProperties(ports), StandardCharsets.ISO_8859_1);
        FixtureRecords.write(directory.resolve(STATE), entries(groups));
    }

    /**
     * {@code tether.port.NAME=PORT} lines in the format {@link Properties#load} reads (ISO 8859-1, special and
     * non-Latin characters of a name escaped). Not {@link Properties#store}: its date comment loads the time zone
     * names, ~10 ms of a fresh Maven JVM spent between the server being ready and the next mojo starting.
     */
    static String portsProperties(Map<String, Integer> ports) {
        StringBuilder text = new StringBuilder("# Ports allocated by Tether for this build\n");
        ports.forEach((name, port) -> text.append(escapedKey("tether.port." + name))
                .append('=')
                .append(port)
                .append('\n'));
        return text.toString();
    }

    private static String escapedKey(String key) {
        StringBuilder out = new StringBuilder();
        for (char c : key.toCharArray()) {
            switch (c) {
                case '\\', ' ', ':', '=', '#', '!' -> out.append('\\').append(c);
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** What tether:run keeps up, for reuse by later builds and IDE runs. */
    static void writeRun(Path directory, Collection<FixtureGroup> groups) throws IOException {
        FixtureRecords.write(directory.resolve(RUN), entries(groups));
    }

    private static List<FixtureRecords.Entry> entries(Collection<FixtureGroup> groups) {
        List<FixtureRecords.Entry> entries = new ArrayList<>();
        groups.forEach(group ->
                group.fixtures().stream().map(RunningFixture::recordEntry).forEach(entries::add));
        return entries;
    }

    /**
     * The recorded fixtures of this build and of a tether:run, each tree once; none when there is no state file.
     *
     * @throws IOException when a file cannot be read, or a line does not follow the format (naming the line)
     */
    static List<FixtureRecords.Entry> read(Path directory) throws IOException {
        Map<TreeRecord, FixtureRecords.Entry> byTree = new LinkedHashMap<>();
        for (String file : List.of(STATE, RUN)) {
            FixtureRecords.read(directory.resolve(file)).forEach(entry -> byTree.putIfAbsent(entry.tree(), entry));
        }
        return List.copyOf(byTree.values());
    }

    static void delete(Path directory) throws IOException {
        Files.deleteIfExists(directory.resolve(STATE));
    }
}
