package dev.tether.killer.supervisor;

/** What the supervisor itself refuses, worded for the user who asked. */
public final class SupervisorMessages {
    private SupervisorMessages() {}

    public static String alreadyRunning(String key) {
        return "A fixture with id '" + key + "' is already running in this supervisor. Give each fixture a unique"
                + " id.";
    }
}
