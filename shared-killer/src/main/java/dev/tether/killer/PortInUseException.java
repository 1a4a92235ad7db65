package dev.tether.killer;

/** A fixed port is already bound by another process; nothing was started. */
public final class PortInUseException extends TetherException {
    public PortInUseException(String message) {
        super(message);
    }
}
