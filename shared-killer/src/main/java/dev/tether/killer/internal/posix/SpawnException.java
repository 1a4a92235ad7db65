package dev.tether.killer.internal.posix;

/** posix_spawn refused to start a process; the message says why and what to check. */
public final class SpawnException extends Exception {
    public SpawnException(String message) {
        super(message);
    }
}
