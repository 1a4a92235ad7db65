package dev.tether.killer.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.killer.process.ProcessId;
import dev.tether.killer.supervisor.Adoptions.Ambiguous;
import dev.tether.killer.supervisor.Adoptions.Claim;
import dev.tether.killer.supervisor.Adoptions.Suspected;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SuspicionsTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Suspicions suspicions = new Suspicions(now::get);
    private final ProcessId daemon = new ProcessId(900, 500);
    private final Suspected byA = new Suspected("a", List.of("a", "b"));

    @Test
    void aFreshSuspicionLeavesTheAdopteeUnclaimedUntilItHasHeld() {
        assertEquals(new Ambiguous(List.of("a", "b")), suspicions.weigh(daemon, byA));
        assertEquals(Suspicions.SETTLE_NANOS, suspicions.nanosUntilSettled());

        now.addAndGet(Suspicions.SETTLE_NANOS - 1);
        assertEquals(new Ambiguous(List.of("a", "b")), suspicions.weigh(daemon, byA));
        assertEquals(1, suspicions.nanosUntilSettled());

        now.addAndGet(1);
        assertEquals(new Claim("a"), suspicions.weigh(daemon, byA));
        assertEquals(0, suspicions.nanosUntilSettled(), "a decided suspicion no longer waits");
    }

    /** The case it exists for: the other candidate's launcher exit, seen a moment later, makes it ambiguous. */
    @Test
    void aSuspicionThatTurnsAmbiguousIsForgottenAndStartsAfreshIfItReturns() {
        suspicions.weigh(daemon, byA);
        now.addAndGet(Suspicions.SETTLE_NANOS / 2);
        Ambiguous both = new Ambiguous(List.of("a", "b"));
        assertEquals(both, suspicions.weigh(daemon, both));
        assertEquals(0, suspicions.nanosUntilSettled());

        now.addAndGet(Suspicions.SETTLE_NANOS);
        assertEquals(both, suspicions.weigh(daemon, byA), "held for a new settling time, not from the first one");
    }

    @Test
    void otherVerdictsPassUnchanged() {
        assertEquals(new Claim("web"), suspicions.weigh(daemon, new Claim("web")));
        assertEquals(new Adoptions.LateEscapee("web"), suspicions.weigh(daemon, new Adoptions.LateEscapee("web")));
        assertEquals(0, suspicions.nanosUntilSettled());
    }
}
