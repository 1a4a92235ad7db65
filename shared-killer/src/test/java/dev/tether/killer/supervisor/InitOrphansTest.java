package dev.tether.killer.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The portable backend's rule for orphans of pid 1, on made-up start times. */
class InitOrphansTest {
    private static ProcessInfo orphanStartedAt(long start) {
        return new ProcessInfo(4250, 1, 4250, 4250, start, 'S', "sleep");
    }

    private static InitOrphans.Rival leader(long start) {
        return InitOrphans.Rival.launchedInTheStretchOnly(new ProcessId(4000, start));
    }

    private static InitOrphans.Rival otherBuilds(long start, long startingUntil) {
        return new InitOrphans.Rival(new ProcessId(4000, start), startingUntil);
    }

    private static final InitOrphans.Launch WEB = new InitOrphans.Launch("web", 100, 140);
    private static final InitOrphans.Launch DB = new InitOrphans.Launch("db", 130, 170);

    @Test
    void anOrphanBornInsideExactlyOneExitedLaunchersLifeIsThatFixtures() {
        assertEquals(Optional.of("web"), InitOrphans.whose(orphanStartedAt(120), List.of(WEB, DB), List.of()));
        assertEquals(Optional.of("db"), InitOrphans.whose(orphanStartedAt(150), List.of(WEB, DB), List.of()));
        assertEquals(Optional.of("web"), InitOrphans.whose(orphanStartedAt(140), List.of(WEB), List.of()));
    }

    @Test
    void anOrphanBornWhileTwoLaunchersLivedIsNobodys() {
        assertEquals(Optional.empty(), InitOrphans.whose(orphanStartedAt(135), List.of(WEB, DB), List.of()));
    }

    @Test
    void aFixtureLaunchedInTheSameStretchWhoseLeaderStillRunsMakesItNobodys() {
        assertEquals(Optional.empty(), InitOrphans.whose(orphanStartedAt(120), List.of(WEB), List.of(leader(110))));
        assertEquals(Optional.of("web"), InitOrphans.whose(orphanStartedAt(120), List.of(WEB), List.of(leader(125))));
        assertEquals(
                Optional.of("web"),
                InitOrphans.whose(orphanStartedAt(120), List.of(WEB), List.of(leader(90))),
                "a server launched before is no rival");
    }

    /**
     * Two builds launch at nearly the same moment: A's launcher first, B's just after, and A's daemon forks after
     * B's launcher started. Judging for B, A's fixture was launched before B's, yet still starting when the daemon
     * started: it is a rival, so B never takes A's daemon. Once A's ledger says its start ended before the
     * orphan started (a server that was ready), it is no rival.
     */
    @Test
    void anotherBuildsFixtureStillStartingWhenTheOrphanStartedMakesItNobodysHoweverEarlyItWasLaunched() {
        InitOrphans.Launch b = new InitOrphans.Launch("b", 100, 140);
        ProcessInfo orphan = orphanStartedAt(120);
        assertEquals(
                Optional.empty(),
                InitOrphans.whose(orphan, List.of(b), List.of(otherBuilds(95, InitOrphans.Rival.STILL_STARTING))));
        assertEquals(Optional.empty(), InitOrphans.whose(orphan, List.of(b), List.of(otherBuilds(95, 125))));
        assertEquals(Optional.empty(), InitOrphans.whose(orphan, List.of(b), List.of(otherBuilds(95, 120))));
        assertEquals(Optional.of("b"), InitOrphans.whose(orphan, List.of(b), List.of(otherBuilds(95, 119))));
        assertEquals(
                Optional.of("b"),
                InitOrphans.whose(orphan, List.of(b), List.of(otherBuilds(121, InitOrphans.Rival.STILL_STARTING))),
                "launched after the orphan started: it cannot have made it");
    }

    @Test
    void anOrphanBornOutsideEveryLauncherLifeIsNobodys() {
        assertEquals(Optional.empty(), InitOrphans.whose(orphanStartedAt(99), List.of(WEB), List.of()));
        assertEquals(Optional.empty(), InitOrphans.whose(orphanStartedAt(141), List.of(WEB), List.of()));
    }

    @Test
    void aFixtureLaunchedInTheOrphansOwnClockTickIsARivalOnlyIfItsPidWasHandedOutFirst() {
        ProcessInfo orphan = orphanStartedAt(120); // pid 4250
        InitOrphans.Rival launchedJustAfter = InitOrphans.Rival.launchedInTheStretchOnly(new ProcessId(4251, 120));
        InitOrphans.Rival launchedJustBefore = InitOrphans.Rival.launchedInTheStretchOnly(new ProcessId(4249, 120));
        assertEquals(Optional.of("web"), InitOrphans.whose(orphan, List.of(WEB), List.of(launchedJustAfter)));
        assertEquals(Optional.empty(), InitOrphans.whose(orphan, List.of(WEB), List.of(launchedJustBefore)));
    }

    @Test
    void withinOneTickPidsAreOrderedAcrossTheWrapAtPidMax() {
        assertTrue(
                InitOrphans.startedBefore(new ProcessId(32_760, 50), new ProcessId(310, 50)),
                "310 came after the wrap");
        assertFalse(InitOrphans.startedBefore(new ProcessId(310, 50), new ProcessId(32_760, 50)));
        assertTrue(InitOrphans.startedBefore(new ProcessId(900, 50), new ProcessId(901, 50)));
        assertFalse(InitOrphans.startedBefore(new ProcessId(901, 50), new ProcessId(900, 50)));
        assertTrue(InitOrphans.startedBefore(new ProcessId(901, 40), new ProcessId(900, 50)), "an earlier tick wins");
    }
}
