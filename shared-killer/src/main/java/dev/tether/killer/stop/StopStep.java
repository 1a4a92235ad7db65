package dev.tether.killer.stop;

import dev.tether.killer.process.Signal;
import dev.tether.killer.text.Durations;
import java.time.Duration;
import java.util.Objects;

/** Send {@code signal} to every member of the tree, then wait up to {@code grace} for all of them to die. */
public record StopStep(Signal signal, Duration grace) {
    public StopStep {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative() || grace.isZero()) {
            throw new IllegalArgumentException(StopMessages.graceNotPositive(signal.name(), Durations.format(grace)));
        }
    }

    @Override
    public String toString() {
        return signal + " " + Durations.format(grace);
    }
}
