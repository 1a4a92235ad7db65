package dev.tether.maven;

import dev.tether.killer.client.TreeRecord;
import dev.tether.killer.config.FixtureSpec;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.reuse.FixtureFingerprint;
import dev.tether.killer.reuse.FixtureRecords;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs, on a background thread while the servers start, the code tether:start first needs once they are ready
 * (the SHA-256 provider of the state file's fingerprints, the formatting of its lines and of ports.properties),
 * so its first-use cost in a fresh Maven JVM is not paid between a server being ready and the next mojo
 * starting. Starts nothing, writes nothing.
 */
final class EpilogueWarmUp {
    private static final String WARM_UP = "warm-up";

    private EpilogueWarmUp() {}

    static void startFor(List<FixtureSpec> specs) {
        Thread thread = new Thread(
                () -> {
                    List<String> fingerprints =
                            specs.stream().map(FixtureFingerprint::of).toList();
                    FixtureRecords.text(List.of(new FixtureRecords.Entry(
                            WARM_UP,
                            new TreeRecord(WARM_UP, new ProcessId(1, 0), "0", Optional.empty(), 0),
                            fingerprints.get(0),
                            Path.of(WARM_UP),
                            Map.of(WARM_UP, 1))));
                    StateFile.portsProperties(Map.of(WARM_UP, 1));
                },
                "tether-warm-up");
        thread.setDaemon(true);
        thread.start();
    }
}
