package dev.tether.killer.supervisor;

import java.util.OptionalInt;

/**
 * Whether a process may have been created since the last look that saw every process, told from the last pid the
 * kernel handed out ({@code /proc/loadavg}), so an idle supervisor does not read the table for nothing.
 *
 * <p>The kernel hands a pid out before the process is in /proc or in its parent's children list, so a look that
 * began in that moment misses it; with nothing forked after it, the last pid then stays the same and no later look
 * would ever be made (the likely cause of a CI failure in which a {@code setsid} child never reached the ledger; it
 * did not reproduce). So a last pid counts as seen only by a look that began when the look before it had already
 * read it: at least one look interval after its fork, far longer than a fork takes to finish. Each new pid costs
 * one look more.
 */
final class NewProcesses {
    private int readByPreviousLook = -1;
    private int seenByACompleteLook = -1;

    /**
     * Called before each periodic look with the last pid handed out (empty where the backend cannot tell): false
     * when the look can be skipped because a complete look began with the same last pid.
     */
    synchronized boolean sinceLastLook(OptionalInt lastPid) {
        int last = lastPid.orElse(-1);
        if (last != -1 && last == seenByACompleteLook) {
            return false;
        }
        seenByACompleteLook = last == readByPreviousLook ? last : -1;
        readByPreviousLook = last;
        return true;
    }
}
