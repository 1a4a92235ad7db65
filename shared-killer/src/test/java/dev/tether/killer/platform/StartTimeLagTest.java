package dev.tether.killer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StartTimeLagTest {
    private final StartTimeLag lag = new StartTimeLag();

    @Test
    void beforeAnythingIsReadTheFloorLeavesAWholeSecondAndATick() {
        assertEquals(10_000 - 1_000 - 10 - 2, lag.floor(10_000));
    }

    @Test
    void theYoungestProcessReadSetsTheBound() {
        lag.seen(9_000, 9_600); // read 600 ms after its instant
        lag.seen(9_950, 10_300); // read 350 ms after its instant: the real lag is at most that
        lag.seen(5_000, 10_300); // an old process tells nothing new
        assertEquals(20_000 - 350 - 10 - 2, lag.floor(20_000));
    }

    @Test
    void anInstantTheJdkCouldNotTellIsNoEvidence() {
        lag.seen(0, 10_000);
        assertEquals(10_000 - 1_000 - 10 - 2, lag.floor(10_000));
    }

    @Test
    void aReadingAfterTheClockWentBackMovesTheFloorWithTheClock() {
        lag.seen(9_950, 10_300);
        lag.seen(9_990, 9_700); // the clock went back 600 ms: the instant now looks later than the clock
        assertEquals(20_000 + 290 - 10 - 2, lag.floor(20_000));
    }
}
