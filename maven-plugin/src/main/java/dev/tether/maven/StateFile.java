package dev.tether.maven;

import dev.tether.killer.fixture.FixtureGroup;
import dev.tether.killer.fixture.RunningFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code target/tether/ports.properties} (for tools outside Maven) and {@code fixtures.state} (what
 * tether:status reads): one line per live fixture, {@code id pid ports...}.
 */
final class StateFile {
    static final String PORTS = "ports.properties";
    static final String STATE = "fixtures.state";

    /** One fixture as recorded. */
    record Entry(String id, int pid, Map<String, Integer> ports) {}

    private StateFile() {}

    static void write(Path directory, FixtureGroup group) throws IOException {
        Files.createDirectories(directory);
        Properties ports = new Properties();
        group.ports().forEach((name, port) -> ports.setProperty("tether.port." + name, Integer.toString(port)));
        try (var out = Files.newBufferedWriter(directory.resolve(PORTS), StandardCharsets.UTF_8)) {
            ports.store(out, "Ports allocated by Tether for this build");
        }
        StringBuilder state = new StringBuilder();
        for (RunningFixture fixture : group.fixtures()) {
            state.append(fixture.id()).append(' ').append(fixture.pid());
            new TreeMap<>(fixture.ports())
                    .forEach((name, port) ->
                            state.append(' ').append(name).append('=').append(port));
            state.append('\n');
        }
        Files.writeString(directory.resolve(STATE), state, StandardCharsets.UTF_8);
    }

    static List<Entry> read(Path directory) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Path file = directory.resolve(STATE);
        if (!Files.exists(file)) {
            return entries;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] words = line.trim().split(" ");
            if (words.length < 2) {
                continue;
            }
            Map<String, Integer> ports = new TreeMap<>();
            for (int i = 2; i < words.length; i++) {
                String[] pair = words[i].split("=");
                ports.put(pair[0], Integer.parseInt(pair[1]));
            }
            entries.add(new Entry(words[0], Integer.parseInt(words[1]), ports));
        }
        return entries;
    }

    static void delete(Path directory) throws IOException {
        Files.deleteIfExists(directory.resolve(STATE));
    }
}
