package dev.tether.killer.ports;

import java.nio.file.Path;

/**
 * What is said when a port cannot be had: which port of which fixture, who holds it, and what to do.
 * {@code fixture} names the fixture as the user declared it.
 */
public final class PortMessages {
    private PortMessages() {}

    public static String reservedByAnotherFixture(String fixture, int port, String name, String holder) {
        return "Port " + port + " (" + name + ") of " + fixture + " is reserved by another Tether fixture on this"
                + " machine (" + holder + "). Use another number, or leave it out to get a free port.";
    }

    public static String alreadyInUse(String fixture, int port, String name, String listeners) {
        return "Port " + port + " (" + name + ") of " + fixture + " is already in use by " + listeners + ". Stop that"
                + " process (a leftover of an earlier run?), or choose another port, or leave the number out to get"
                + " a free one.";
    }

    public static String noFreePort(String fixture, String name, int attempts, Path directory, String prefix) {
        return "No free port for " + fixture + ", port '" + name + "' after " + attempts + " attempts: every one the"
                + " kernel offered was reserved in " + directory + " (" + prefix + "N entries). If no build is"
                + " running, remove those entries; they name their holder as uid:pid:start.";
    }

    public static String cannotBind(String fixture, String name, String error) {
        return "Cannot get a free TCP port for " + fixture + "'s port '" + name + "': " + error + ". Check that"
                + " this machine allows listening on TCP ports (a sandbox or a firewall may forbid it).";
    }

    public static String cannotReserve(int port, Path directory, String error, String property) {
        return "Cannot reserve port " + port + " in " + directory + ": " + error + ". Point -D" + property + " at a"
                + " directory you can write (or fix the permissions of " + directory + ").";
    }
}
