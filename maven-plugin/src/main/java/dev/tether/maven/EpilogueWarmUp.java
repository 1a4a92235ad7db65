package dev.tether.maven;

import dev.tether.killer.config.FixtureSpec;
import dev.tether.killer.reuse.FixtureFingerprint;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs, on a background thread while the servers start, the JDK code tether:start first needs once they are
 * ready (the SHA-256 provider of the state file's fingerprints, URLEncoder), so its first-use cost in a fresh
 * Maven JVM is not paid between a server being ready and the next mojo starting. Starts nothing, writes nothing.
 */
final class EpilogueWarmUp {
    private EpilogueWarmUp() {}

    static void startFor(List<FixtureSpec> specs) {
        Thread thread = new Thread(
                () -> {
                    specs.forEach(FixtureFingerprint::of);
                    URLEncoder.encode("warm up", StandardCharsets.UTF_8);
                },
                "tether-warm-up");
        thread.setDaemon(true);
        thread.start();
    }
}
