package dev.tether.maven;

/**
 * {@code <stop>}: the signal sent to the whole tree and the grace before KILL; or {@code <steps>} such as
 * {@code INT 5s, TERM 5s} for more than one polite step. KILL always ends the list.
 */
public class StopConfig {
    /** The first signal: TERM (default), INT, HUP, QUIT, USR1, USR2 or KILL. */
    private String signal;
    /** How long to wait after it before KILL, e.g. {@code 10s} (default). */
    private String grace;
    /** Several steps, e.g. {@code INT 5s, TERM 5s}; replaces signal and grace. */
    private String steps;

    public String getSignal() {
        return signal;
    }

    public String getGrace() {
        return grace;
    }

    public String getSteps() {
        return steps;
    }
}
