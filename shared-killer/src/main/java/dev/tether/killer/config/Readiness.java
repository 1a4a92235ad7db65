package dev.tether.killer.config;

import dev.tether.killer.InvalidSpecException;
import dev.tether.killer.text.Durations;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * When a fixture counts as ready: all (or any) of its probes pass within the timeout. No probes means ready
 * as soon as it is started.
 */
public record Readiness(List<Probe> probes, boolean any, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final Readiness IMMEDIATE = new Readiness(List.of(), false, DEFAULT_TIMEOUT);

    public Readiness {
        probes = List.copyOf(probes);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidSpecException(
                    ConfigMessages.nonPositiveTimeout(timeout == null ? "nothing" : Durations.format(timeout)));
        }
    }

    public static Readiness allOf(Duration timeout, Probe... probes) {
        return new Readiness(List.of(probes), false, timeout);
    }

    public static Readiness anyOf(Duration timeout, Probe... probes) {
        return new Readiness(List.of(probes), true, timeout);
    }

    @Override
    public String toString() {
        return probes.isEmpty()
                ? "started"
                : probes.stream().map(Probe::toString).collect(Collectors.joining(any ? " or " : " and "));
    }
}
