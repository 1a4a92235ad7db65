package dev.tether.killer.reuse;

import dev.tether.killer.config.FixtureSpec;
import dev.tether.killer.config.PortSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a fixture runs, as one hash: id, command, working directory, environment, ports, probes, and whether it
 * daemonizes or runs once. Two specs with the same fingerprint start the same server, so one may stand in for
 * the other. The stop policy, the readiness timeout and the log file are left out: they change how a fixture
 * is handled, not what runs. Placeholders are hashed as written, before ports are filled in.
 */
public final class FixtureFingerprint {
    private FixtureFingerprint() {}

    public static String of(FixtureSpec spec) {
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(canonical(spec).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** One line per component, maps sorted: Map.copyOf's order changes from one JVM to the next. */
    static String canonical(FixtureSpec spec) {
        return String.join(
                "\n",
                "id " + spec.id(),
                "command "
                        + spec.command().stream()
                                .map(FixtureFingerprint::quoted)
                                .collect(Collectors.joining(" ")),
                "directory " + spec.workingDirectory(),
                "environment "
                        + new TreeMap<>(spec.environment())
                                .entrySet().stream()
                                        .map(e -> quoted(e.getKey() + "=" + e.getValue()))
                                        .collect(Collectors.joining(" ")),
                "ports "
                        + spec.ports().stream().map(PortSpec::toString).sorted().collect(Collectors.joining(" ")),
                "ready " + (spec.readiness().any() ? "any " : "all ") + spec.readiness(),
                "daemonizes " + spec.daemonizes(),
                "oneshot " + spec.oneshot());
    }

    /** Java's string literal quoting: no two different lists of words join to the same text. */
    private static String quoted(String word) {
        return '"' + word.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
