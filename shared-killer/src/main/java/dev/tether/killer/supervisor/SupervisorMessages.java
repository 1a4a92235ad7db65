package dev.tether.killer.supervisor;

import java.util.List;

/** What the supervisor itself refuses, worded for the user who asked. */
public final class SupervisorMessages {
    private SupervisorMessages() {}

    public static String alreadyRunning(String key) {
        return "A fixture with id '" + key + "' is already running in this supervisor. Give each fixture a unique"
                + " id.";
    }

    /**
     * A backend without a subreaper (portable, macOS) cannot tell whose an orphan of pid 1 is; one that appeared
     * while the fixture ran is named, never killed.
     */
    public static String couldNotBeAttributed(String key, String processes, String backend) {
        return "Fixture '" + key + "' stopped; " + processes + " could not be attributed: orphaned to pid 1 while"
                + " it ran, and the " + backend + " backend cannot tell whose it is (no subreaper, no readable"
                + " environments). Left running: stop it if it is this build's, or use the linux backend, which"
                + " attributes it.";
    }

    /** {@code candidates}: the fixtures that ran when the orphans were adopted. */
    public static String undecidedAfterStop(String key, String processes, List<String> candidates) {
        return "Fixture '" + key + "' stopped; " + processes + " could not be attributed (adopted while other"
                + " fixtures ran too: " + candidates + "); stopped with the last of those fixtures, or with the owner";
    }
}
