package dev.tether.killer.process;

/**
 * One row of a process-table snapshot.
 *
 * @param state the one-letter state of {@code ps} ({@code R}, {@code S}, {@code D}, {@code Z}, ...)
 * @param name the short command name (Linux {@code comm}); the full command line is read on demand
 */
public record ProcessInfo(int pid, int ppid, int pgid, int sid, long startTime, char state, String name) {
    /** A zombie has finished: it holds no port, runs no code, and only waits for its parent to reap it. */
    public boolean isDead() {
        return state == 'Z' || state == 'X' || state == 'x';
    }

    public ProcessId id() {
        return new ProcessId(pid, startTime);
    }
}
