package dev.tether.killer.client;

import dev.tether.killer.SupervisorException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The owner's side of a supervisor gone without being asked: the trees it held are reaped in its place, its
 * starts no longer hold other builds up, and every request that fails from then on names what happened.
 */
final class SupervisorDeath {
    private final Process process;
    private final Path logFile;
    private final Path ledgerDirectory;
    private final KnownTrees trees;
    /** True once this JVM stops the supervisor itself: its end is then no death. */
    private final BooleanSupplier closing;

    private SupervisorEvents events;
    private LaunchTurns turns;
    /** Set when the supervisor died unexpectedly: what happened and what the owner reaped in its place. */
    private volatile String death;

    SupervisorDeath(Process process, Path logFile, Path ledgerDirectory, KnownTrees trees, BooleanSupplier closing) {
        this.process = process;
        this.logFile = logFile;
        this.ledgerDirectory = ledgerDirectory;
        this.trees = trees;
        this.closing = closing;
    }

    /** The supervisor's events and launch turns, made after the requests that report through this. */
    void watch(SupervisorEvents events, LaunchTurns turns) {
        this.events = events;
        this.turns = turns;
    }

    /** The error a request gets when the pipe broke or the answer failed. */
    SupervisorException died(Throwable cause) {
        if (!closing.getAsBoolean() && !events.isReaderThread()) {
            try {
                // a request saw the pipe break first: the reader may still be stopping the trees
                events.ended.get(OrphanedTrees.GRACE.multipliedBy(10).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // report what is known
            }
        }
        if (death != null) {
            return new SupervisorException(death, cause);
        }
        return new SupervisorException(
                "The Tether supervisor (pid " + process.pid() + ") is gone (" + SupervisorLog.rootMessage(cause)
                        + "). Its log is " + logFile + ".",
                cause);
    }

    /** The reader saw the pipe close: reap in the supervisor's place if it died holding trees, and say so. */
    SupervisorException pipeClosed(IOException e) {
        turns.releaseAll();
        if (!closing.getAsBoolean() && !trees.isEmpty()) {
            death = OrphanedTrees.reapInPlaceOf(process, ledgerDirectory, logFile, trees.takeAll());
            events.notices.announce(death);
        }
        return died(e);
    }
}
