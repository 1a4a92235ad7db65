package dev.tether.killer.supervisor;

import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessTable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Adoptees {@link Adoptions.Suspected suspected} to be one fixture's, with when a look first judged them so. A
 * look sees a loss only once it has happened: when two fixtures daemonize in the same instant, the look that the
 * first launcher's exit brings can come a millisecond before the second launcher exits, and would give the second
 * fixture's daemon to the first (seen in CI without cgroups). A suspicion is acted on only once it has held for
 * {@link #SETTLE_NANOS}; until then the adoptee is kept unclaimed (in the ledger, so a crash still ends it), and a
 * stop or a question about members that needs the answer waits for it.
 */
final class Suspicions {
    /** Far longer than a daemonizer's launcher takes to exit after its child (microseconds to a few ms). */
    static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Map<ProcessId, Long> since = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    Suspicions() {
        this(System::nanoTime);
    }

    /** With {@code clock} in place of {@link System#nanoTime} (tests). */
    Suspicions(LongSupplier clock) {
        this.clock = clock;
    }

    /** The verdict to act on now: a suspicion held long enough is a claim; a fresh one leaves it unclaimed. */
    Adoptions.Verdict weigh(ProcessId adoptee, Adoptions.Verdict verdict) {
        if (!(verdict instanceof Adoptions.Suspected suspected)) {
            since.remove(adoptee);
            return verdict;
        }
        long now = clock.getAsLong();
        if (now - since.computeIfAbsent(adoptee, id -> now) >= SETTLE_NANOS) {
            since.remove(adoptee);
            return new Adoptions.Claim(suspected.key());
        }
        return new Adoptions.Ambiguous(suspected.runningCandidates());
    }

    boolean any() {
        return !since.isEmpty();
    }

    /** How long until the youngest suspicion may be acted on; 0 when none waits. */
    long nanosUntilSettled() {
        long now = clock.getAsLong();
        return since.values().stream()
                .mapToLong(start -> start + SETTLE_NANOS - now)
                .max()
                .orElse(0);
    }

    void forgetDead(ProcessTable table) {
        since.keySet().removeIf(id -> !table.isAlive(id));
    }
}
