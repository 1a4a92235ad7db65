package dev.tether.killer.stop;

import dev.tether.killer.process.Signal;
import java.time.Duration;

/**
 * How one member of a tree ended during a stop.
 *
 * @param endedBy the signal of the step during which it died
 * @param step the 1-based number of that step
 * @param after time from the start of the stop until it was seen dead
 * @param exit "exit 0", "killed by TERM", or "unknown" when another member reaped it
 */
public record ProcessOutcome(int pid, String command, Signal endedBy, int step, Duration after, String exit) {}
