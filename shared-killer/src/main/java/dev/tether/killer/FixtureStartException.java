package dev.tether.killer;

/** A fixture did not get ready: it exited, timed out, or the port was answered by someone else. */
public final class FixtureStartException extends TetherException {
    /** Why the start failed. */
    public enum Reason {
        EXITED_EARLY,
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
