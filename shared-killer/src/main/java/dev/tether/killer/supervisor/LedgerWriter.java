package dev.tether.killer.supervisor;

import dev.tether.killer.process.ProcessId;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps the ledger on disk equal to the trees kept: rewritten before the owner hears of a spawn (a tree the
 * ledger does not list could not be found again if owner and supervisor both crashed right after starting it),
 * after a stop off the stop's path, and removed once everything is stopped.
 */
final class LedgerWriter {
    /**
     * How long a stopped fixture stays in the ledger as another build's evidence (see {@link #forget}): far longer
     * than a judgement waits for its reaper, even on a loaded machine, and short enough to keep the file small.
     */
    private static final long ENDED_KEPT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Ledger ledger;
    private final OwnerChannel owner;
    private final Supplier<Collection<OwnedTree>> trees;
    private final Supplier<Set<ProcessId>> unclaimed;
    /** Launches about to fork, by key, each with a floor of its start time (see {@link #launching}). */
    private final Map<String, Long> launching = new ConcurrentHashMap<>();
    /** Fixtures stopped, each with the System.nanoTime it stopped at; kept only where {@code keepsEnded}. */
    private final Map<Ledger.Ended, Long> ended = new ConcurrentHashMap<>();

    /** Without a subreaper other builds weigh their orphans against our launches, stopped ones included. */
    private final boolean keepsEnded;
    /** Rewrites off the stop's path; one thread, so writes happen in order. */
    private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tether-ledger-writer");
        thread.setDaemon(true);
        return thread;
    });
    /** Set once every tree is stopped and the ledger removed (guarded by this). */
    private boolean deleted;

    LedgerWriter(
            Ledger ledger,
            OwnerChannel owner,
            Supplier<Collection<OwnedTree>> trees,
            Supplier<Set<ProcessId>> unclaimed,
            boolean keepsEnded) {
        this.keepsEnded = keepsEnded;
        this.ledger = ledger;
        this.owner = owner;
        this.trees = trees;
        this.unclaimed = unclaimed;
    }

    synchronized void write() {
        if (deleted) {
            return; // everything is stopped: a late write must not bring back a ledger of nothing
        }
        long now = System.nanoTime();
        ended.values().removeIf(stoppedAt -> now - stoppedAt > ENDED_KEPT_NANOS);
        try {
            ledger.write(
                    trees.get().stream().map(OwnedTree::ledgerEntry).toList(),
                    unclaimed.get(),
                    Map.copyOf(launching),
                    List.copyOf(ended.keySet()));
        } catch (IOException e) {
            owner.notice("cannot write the ledger " + ledger.file() + ": " + e.getMessage()
                    + "; a crash of this build could not be cleaned up by the next one");
        }
    }

    /**
     * A launch is about to fork, on a backend without a subreaper: the ledger names it first, so another build
     * never judges an orphan it makes before its fixture line is written. Seen: a supervisor slow to write that
     * line after the fork, and another build took this build's daemon for its own.
     */
    void launching(String key, long startTimeFloor) {
        launching.put(key, startTimeFloor);
        write();
    }

    /** The launch forked and is registered, or it failed: the ledger is written as it now is. */
    void launched(String key) {
        launching.remove(key);
        write();
    }

    /** After a stop's reply: a ledger that still lists the dead tree costs the next sweep one identity check. */
    void writeLater() {
        background.execute(this::write);
    }

    /**
     * The fixture stopped and left the books. On a backend without a subreaper it stays in the ledger a minute as an
     * {@code ended} line: another build whose reaper judges a launcher late must still see that this fixture was
     * starting when an orphan appeared, or it takes that orphan for its own (seen on a loaded machine: two builds'
     * twin daemons, one build stopped its fixture, then the other judged and took its daemon).
     */
    void forget(OwnedTree fixture) {
        if (keepsEnded) {
            ended.put(new Ledger.Ended(fixture.leader(), fixture.startingUntil()), System.nanoTime());
        }
        writeLater();
    }

    /** Returns once every rewrite queued so far has run (one thread runs them in order). */
    void awaitWritesQueued() throws InterruptedException, ExecutionException {
        background.submit(() -> {}).get();
    }

    synchronized void delete() {
        deleted = true;
        ledger.delete();
    }
}
