package dev.tether.killer.reuse;

/**
 * What reuse says: the record file that cannot be read (an error, on the troubleshooting page), and one line
 * per fixture on whether it was reused and, when not, why (informational, package-private).
 */
public final class ReuseMessages {
    private ReuseMessages() {}

    public static String notARecord(String file, int line, String problem) {
        return file + (line > 0 ? " line " + line : "") + " is not a Tether fixture record (" + problem + "). It"
                + " was written by another Tether version or edited; stop tether:run (Ctrl-C), delete the file and"
                + " run it again.";
    }

    public static String offOnCi(String value) {
        return "Tether: reuse is off on CI (the environment variable CI is '" + value + "'): every fixture starts"
                + " fresh. Reuse is for the local loop; unset CI to use it there.";
    }

    public static String notABoolean(String value) {
        return "tether.reuse is '" + value + "', which is neither true nor false. Write -Dtether.reuse=true to reuse"
                + " what tether:run keeps up, or leave it out.";
    }

    static String reused(String who, int pid, String ports) {
        return who + " reused: it runs under tether:run (pid " + pid + ")" + ports + "; it is not stopped here";
    }

    static String reusedTask(String who) {
        return who + " not run again: it completed under tether:run and what it needs was reused";
    }

    static String notRecorded(String who, String file) {
        return who + " starts: tether:run does not run it (nothing recorded in " + file + ")";
    }

    static String changed(String who) {
        return who + " starts: its configuration differs from the one tether:run started (restart tether:run to"
                + " reuse the new one)";
    }

    static String gone(String who) {
        return who + " starts: the one tether:run started is no longer running";
    }

    static String notOurs(String who, int pid) {
        return who + " starts: process " + pid + " of the recorded one belongs to another user";
    }

    static String portTaken(String who, String name, int port, String holders) {
        return who + " starts: its port " + name + " (" + port + ") is served by " + holders
                + ", not by the tree tether:run started";
    }

    static String notReady(String who, String failures) {
        return who + " starts: the running one does not pass its readiness probes now (" + failures + ")";
    }

    static String needsFresh(String who, String needed) {
        return who + " starts: " + needed + ", which it needs, starts fresh";
    }
}
