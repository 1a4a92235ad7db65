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
        Properties ports = new Properties();
        groups.forEach(group -> group.ports()
                .forEach((name, port) -> ports.setProperty("tether.port." + name, Integer.toString(port))));
        try (var out = Files.newBufferedWriter(directory.resolve(PORTS), StandardCharsets.UTF_8)) {
            ports.store(out, "Ports allocated by Tether for this build");
        }
        FixtureRecords.write(directory.resolve(STATE), entries(groups));
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
