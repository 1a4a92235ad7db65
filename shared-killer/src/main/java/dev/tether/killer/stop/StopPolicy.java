package dev.tether.killer.stop;

import dev.tether.killer.process.Signal;
import dev.tether.killer.text.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How a tree is stopped: steps applied in order to the whole tree, always ending with KILL, so a server that
 * ignores every polite signal still never hangs the build.
 */
public record StopPolicy(List<StopStep> steps) {
    /** How long the final KILL step waits for the kernel to finish the processes before calling them survivors. */
    public static final Duration KILL_CONFIRMATION = Duration.ofSeconds(5);

    public static final StopPolicy DEFAULT = gracefulThenKill(Signal.TERM, Duration.ofSeconds(10));

    public StopPolicy {
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException(StopMessages.noSteps());
        }
        List<StopStep> complete = new ArrayList<>(steps);
        if (complete.get(complete.size() - 1).signal() != Signal.KILL) {
            complete.add(new StopStep(Signal.KILL, KILL_CONFIRMATION));
        }
        steps = List.copyOf(complete);
    }

    public static StopPolicy gracefulThenKill(Signal signal, Duration grace) {
        return new StopPolicy(List.of(new StopStep(signal, grace)));
    }

    /**
     * Parses {@code "TERM 10s, KILL 2s"}: comma-separated steps of a signal name and a grace.
     *
     * @throws IllegalArgumentException naming the step and the expected form
     */
    public static StopPolicy parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(StopMessages.emptyPolicy());
        }
        List<StopStep> steps = new ArrayList<>();
        String[] parts = text.split(",");
        for (int i = 0; i < parts.length; i++) {
            String[] words = parts[i].trim().split("\\s+");
            if (words.length != 2) {
                throw new IllegalArgumentException(StopMessages.malformedStep(i + 1, parts[i].trim()));
            }
            Signal signal = Signal.parse(words[0]);
            steps.add(new StopStep(signal, Durations.parse(words[1], "grace of stop step " + (i + 1))));
        }
        return new StopPolicy(steps);
    }

    /** The longest a stop can take: every grace added up. */
    public Duration worstCase() {
        return steps.stream().map(StopStep::grace).reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public String toString() {
        return steps.stream().map(StopStep::toString).collect(Collectors.joining(", "));
    }
}
