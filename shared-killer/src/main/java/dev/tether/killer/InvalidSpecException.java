package dev.tether.killer;

/** The user's configuration is wrong (missing executable, unknown signal, bad duration); nothing was started. */
public class InvalidSpecException extends TetherException {
    public InvalidSpecException(String message) {
        super(message);
    }
}
