package dev.tether.killer;

/**
 * A fixture did not get ready: it exited, timed out, the port was answered by someone else, or (a one-shot
 * task) it did not exit 0.
 */
public final class FixtureStartException extends TetherException {
    /** Why the start failed. */
    public enum Reason {
        EXITED_EARLY,
        /** A one-shot task exited, but not with 0. */
        FAILED,
        NOT_READY,
        WRONG_OWNER,
        CANCELLED
    }

    private final String fixture;
    private final Reason reason;

    public FixtureStartException(String fixture, Reason reason, String message) {
        super(message);
        this.fixture = fixture;
        this.reason = reason;
    }

    public String fixture() {
        return fixture;
    }

    public Reason reason() {
        return reason;
    }
}
