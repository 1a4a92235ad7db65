package dev.tether.killer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Wall clock readings near 10_000, the monotonic clock 5_000 behind it, start instants as the JDK gives them. */
class StartTimeLagTest {
    private static final long TICK_AND_ROUNDING = 10 + 2;

    private final StartTimeLag lag = new StartTimeLag();

    @Test
    void beforeAnythingIsReadTheFloorLeavesAWholeSecondAndATick() {
        assertEquals(10_000 - 1_000 - TICK_AND_ROUNDING, lag.floor(10_000, 5_000));
    }

    @Test
    void theYoungestProcessReadSetsTheBound() {
        lag.seen(9_000, 9_600, 4_600); // read 600 ms after its instant
        lag.seen(9_950, 10_300, 5_300); // read 350 ms after its instant: the real lag is at most that
        lag.seen(5_000, 10_300, 5_300); // an old process tells nothing new
        assertEquals(20_000 - 350 - TICK_AND_ROUNDING, lag.floor(20_000, 15_000));
    }

    @Test
    void anInstantTheJdkCouldNotTellIsNoEvidence() {
        lag.seen(0, 10_000, 5_000);
        assertEquals(10_000 - 1_000 - TICK_AND_ROUNDING, lag.floor(10_000, 5_000));
    }

    @Test
    void linuxInstantsCountTimeSinceBootSoTheMonotonicClockHoldsTheBoundWhenTheWallClockStepsForward() {
        lag.seen(9_950, 10_300, 5_300);
        // the wall clock jumped 60 s ahead; a new start instant is still about 15_000 + 5_000 - 350
        assertEquals(20_000 - 350 - TICK_AND_ROUNDING, lag.floor(80_000, 15_000));
    }

    @Test
    void macInstantsAreTheWallClockSoNoNewStartIsBeforeItWhenItWentBack() {
        lag.seen(10_000, 10_001, 5_001); // started and read at 10_000
        lag.seen(10_500, 9_502, 5_502); // started at 10_500, then the wall clock went back 1 s, then read
        // a process started now has the instant 9_510: a floor from either bound unclamped would be above it
        assertEquals(9_510 - TICK_AND_ROUNDING, lag.floor(9_510, 5_510));
    }
}
