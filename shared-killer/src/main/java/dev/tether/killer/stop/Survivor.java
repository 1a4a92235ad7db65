package dev.tether.killer.stop;

/** A member of a tree still alive after the last step, and why it could not be ended. */
public record Survivor(int pid, String command, String reason) {
    @Override
    public String toString() {
        return pid + " " + command + " (" + reason + ")";
    }
}
