package dev.tether.killer;

/** Base of every error Tether reports; the message says what happened, the offending value and the fix. */
public class TetherException extends RuntimeException {
    public TetherException(String message) {
        super(message);
    }

    public TetherException(String message, Throwable cause) {
        super(message, cause);
    }
}
