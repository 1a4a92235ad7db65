package dev.tether.killer.internal.posix;

/** A child the supervisor reaped: its pid and raw wait status. */
public record ChildExit(int pid, int status) {
    public boolean exitedNormally() {
        return (status & 0x7f) == 0;
    }

    public int exitCode() {
        return (status >> 8) & 0xff;
    }

    public int terminatingSignal() {
        return status & 0x7f;
    }
}
