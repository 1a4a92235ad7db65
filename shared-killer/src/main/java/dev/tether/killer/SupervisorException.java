package dev.tether.killer;

/** The environment broke: the supervisor could not start, died, or refused a request. */
public class SupervisorException extends TetherException {
    public SupervisorException(String message) {
        super(message);
    }

    public SupervisorException(String message, Throwable cause) {
        super(message, cause);
    }
}
