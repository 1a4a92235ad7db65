package dev.tether.killer.client;

import dev.tether.killer.process.Signal;

/**
 * The leader of a tree exited (on its own, or because it was stopped).
 *
 * @param exitCode the exit code, or -1 if it was killed by a signal
 * @param signal the signal number that killed it, or 0
 * @param treeEnded nothing of the tree was left when the leader was reaped (known with a cgroup, whose processes
 *     are counted at once, or with the subreaper, which holds the leader's orphans); false when unknown
 */
public record ExitEvent(String id, int pid, int exitCode, int signal, boolean treeEnded) {
    public String describe() {
        if (signal == 0) {
            return "exit code " + exitCode;
        }
        try {
            return "killed by " + Signal.ofNumber(signal);
        } catch (IllegalArgumentException e) {
            return "killed by signal " + signal;
        }
    }
}
