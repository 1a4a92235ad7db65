package dev.tether.killer.process;

/**
 * A process identity that survives pid reuse: the pid together with its start time (clock ticks since boot on
 * Linux). Two processes never share both, so a stored ProcessId never points at a stranger.
 */
public record ProcessId(int pid, long startTime) {
    @Override
    public String toString() {
        return pid + "@" + startTime;
    }

    public static ProcessId parse(String text) {
        int at = text.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("Not a process id of the form pid@startTime: '" + text + "'");
        }
        return new ProcessId(Integer.parseInt(text.substring(0, at)), Long.parseLong(text.substring(at + 1)));
    }
}
