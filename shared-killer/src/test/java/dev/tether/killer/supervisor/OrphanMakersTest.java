package dev.tether.killer.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The portable backend's rule for orphans of pid 1, on made-up start times. */
class OrphanMakersTest {
    private static ProcessInfo orphanStartedAt(long start) {
        return new ProcessInfo(4250, 1, 4250, 4250, start, 'S', "sleep");
    }

    private static OrphanMakers.Rival leader(long start) {
        return ours("rival", start);
    }

    private static OrphanMakers.Rival ours(String key, long start) {
        return readyLongAgo(key, new ProcessId(4000, start));
    }

    /** A fixture of this supervisor whose start was over before anything here: a rival only if in the stretch. */
    private static OrphanMakers.Rival readyLongAgo(String key, ProcessId leader) {
        return OrphanMakers.Rival.ofThisSupervisor(key, leader, Long.MIN_VALUE);
    }

    private static OrphanMakers.Rival otherBuilds(long start, long startingUntil) {
        return new OrphanMakers.Rival(new ProcessId(4000, start), startingUntil);
    }

    private static final OrphanMakers.Launch WEB = new OrphanMakers.Launch("web", 100, 140);
    private static final OrphanMakers.Launch DB = new OrphanMakers.Launch("db", 130, 170);

    @Test
    void anOrphanBornInsideExactlyOneExitedLaunchersLifeIsThatFixtures() {
        assertEquals(Optional.of("web"), OrphanMakers.whose(orphanStartedAt(120), List.of(WEB, DB), List.of()));
        assertEquals(Optional.of("db"), OrphanMakers.whose(orphanStartedAt(150), List.of(WEB, DB), List.of()));
        assertEquals(Optional.of("web"), OrphanMakers.whose(orphanStartedAt(140), List.of(WEB), List.of()));
    }

    @Test
    void anOrphanBornWhileTwoLaunchersLivedIsNobodys() {
        assertEquals(Optional.empty(), OrphanMakers.whose(orphanStartedAt(135), List.of(WEB, DB), List.of()));
    }

    @Test
    void aFixtureLaunchedInTheSameStretchWhoseLeaderStillRunsMakesItNobodys() {
        assertEquals(Optional.empty(), OrphanMakers.whose(orphanStartedAt(120), List.of(WEB), List.of(leader(110))));
        assertEquals(Optional.of("web"), OrphanMakers.whose(orphanStartedAt(120), List.of(WEB), List.of(leader(125))));
        assertEquals(
                Optional.of("web"),
                OrphanMakers.whose(orphanStartedAt(120), List.of(WEB), List.of(leader(90))),
                "a server launched before is no rival");
    }

    /**
     * Twins of one supervisor launched side by side, B just before A: both launchers fork a daemon and exit, and the
     * reaper judges A's exit first. B's daemon started inside A's life, and B was launched before A's stretch, but
     * B is still starting: it may have made the orphan, so the orphan is B's as much as A's. A server of this
     * supervisor found ready before the orphan started is no rival, however it runs on.
     */
    @Test
    void aFixtureOfThisSupervisorStillStartingIsARivalHoweverEarlyItWasLaunched() {
        ProcessId leaderB = new ProcessId(4090, 100);
        OrphanMakers.Launch launchA = new OrphanMakers.Launch("a", 100, 120, 4100);
        ProcessInfo daemonB = new ProcessInfo(4120, 1, 4120, 4120, 110, 'S', "sleep");

        assertEquals(
                Set.of("a", "b"),
                OrphanMakers.suspects(
                        daemonB,
                        List.of(launchA),
                        List.of(OrphanMakers.Rival.ofThisSupervisor("b", leaderB, OrphanMakers.Rival.STILL_STARTING))),
                "B still starting");
        assertEquals(
                Set.of("a"),
                OrphanMakers.suspects(
                        daemonB, List.of(launchA), List.of(OrphanMakers.Rival.ofThisSupervisor("b", leaderB, 105))),
                "B found ready before the orphan started");
    }

    /**
     * Two builds launch at nearly the same moment: A's launcher first, B's just after, and A's daemon forks after
     * B's launcher started. Judging for B, A's fixture was launched before B's, yet still starting when the daemon
     * started: it is a rival, so B never takes A's daemon. Once A's ledger says its start ended before the
     * orphan started (a server that was ready), it is no rival.
     */
    @Test
    void anotherBuildsFixtureStillStartingWhenTheOrphanStartedMakesItNobodysHoweverEarlyItWasLaunched() {
        OrphanMakers.Launch b = new OrphanMakers.Launch("b", 100, 140);
        ProcessInfo orphan = orphanStartedAt(120);
        assertEquals(
                Optional.empty(),
                OrphanMakers.whose(orphan, List.of(b), List.of(otherBuilds(95, OrphanMakers.Rival.STILL_STARTING))));
        assertEquals(Optional.empty(), OrphanMakers.whose(orphan, List.of(b), List.of(otherBuilds(95, 125))));
        assertEquals(Optional.empty(), OrphanMakers.whose(orphan, List.of(b), List.of(otherBuilds(95, 120))));
        assertEquals(Optional.of("b"), OrphanMakers.whose(orphan, List.of(b), List.of(otherBuilds(95, 119))));
        assertEquals(
                Optional.of("b"),
                OrphanMakers.whose(orphan, List.of(b), List.of(otherBuilds(121, OrphanMakers.Rival.STILL_STARTING))),
                "launched after the orphan started: it cannot have made it");
    }

    @Test
    void anOrphanBornOutsideEveryLauncherLifeIsNobodys() {
        assertEquals(Optional.empty(), OrphanMakers.whose(orphanStartedAt(99), List.of(WEB), List.of()));
        assertEquals(Optional.empty(), OrphanMakers.whose(orphanStartedAt(141), List.of(WEB), List.of()));
    }

    @Test
    void aFixtureLaunchedInTheOrphansOwnClockTickIsARivalOnlyIfItsPidWasHandedOutFirst() {
        ProcessInfo orphan = orphanStartedAt(120); // pid 4250
        OrphanMakers.Rival launchedJustAfter = readyLongAgo("rival", new ProcessId(4251, 120));
        OrphanMakers.Rival launchedJustBefore = readyLongAgo("rival", new ProcessId(4249, 120));
        assertEquals(Optional.of("web"), OrphanMakers.whose(orphan, List.of(WEB), List.of(launchedJustAfter)));
        assertEquals(Optional.empty(), OrphanMakers.whose(orphan, List.of(WEB), List.of(launchedJustBefore)));
    }

    @Test
    void withinOneTickPidsAreOrderedAcrossTheWrapAtPidMax() {
        assertTrue(
                OrphanMakers.startedBefore(new ProcessId(32_760, 50), new ProcessId(310, 50)),
                "310 came after the wrap");
        assertFalse(OrphanMakers.startedBefore(new ProcessId(310, 50), new ProcessId(32_760, 50)));
        assertTrue(OrphanMakers.startedBefore(new ProcessId(900, 50), new ProcessId(901, 50)));
        assertFalse(OrphanMakers.startedBefore(new ProcessId(901, 50), new ProcessId(900, 50)));
        assertTrue(OrphanMakers.startedBefore(new ProcessId(901, 40), new ProcessId(900, 50)), "an earlier tick wins");
    }

    @Test
    void anOrphanOnlyThisSupervisorsFixturesCanHaveMadeHasThemAllAsSuspects() {
        assertEquals(Set.of("web", "db"), OrphanMakers.suspects(orphanStartedAt(135), List.of(WEB, DB), List.of()));
        OrphanMakers.Rival ours = ours("api", 110);
        assertEquals(Set.of("web", "api"), OrphanMakers.suspects(orphanStartedAt(120), List.of(WEB), List.of(ours)));
        assertEquals(
                Set.of("web"),
                OrphanMakers.suspects(orphanStartedAt(120), List.of(WEB), List.of(ours("api", 90))),
                "a server of ours launched before the stretch is no suspect");
    }

    @Test
    void anOrphanAnotherBuildCanHaveMadeHasNoSuspectThisSupervisorMayEnd() {
        OrphanMakers.Rival ours = ours("api", 110);
        OrphanMakers.Rival anotherBuilds = otherBuilds(112, OrphanMakers.Rival.STILL_STARTING);
        assertEquals(Set.of(), OrphanMakers.suspects(orphanStartedAt(120), List.of(WEB), List.of(ours, anotherBuilds)));
        assertEquals(Set.of(), OrphanMakers.suspects(orphanStartedAt(135), List.of(WEB, DB), List.of(anotherBuilds)));
        assertEquals(Set.of(), OrphanMakers.suspects(orphanStartedAt(99), List.of(WEB), List.of(ours)), "no launch");
    }

    /**
     * Start times come in 10 ms ticks: a fixture of another build launched in the judged launcher's own tick is in
     * its stretch only if its pid was handed out after the launcher's. Seen in CI (portable backend, two test
     * forks): the other fork's fixture, launched just before the daemonizing one, left its daemon unattributed.
     */
    @Test
    void aFixtureLaunchedJustBeforeTheLauncherInItsOwnTickIsNoRival() {
        OrphanMakers.Launch daemonizer = new OrphanMakers.Launch("daemon", 100, 140, 4100);
        ProcessInfo orphan = orphanStartedAt(100); // pid 4250, forked in the same tick
        OrphanMakers.Rival launchedJustBefore = readyLongAgo("rival", new ProcessId(4099, 100));
        OrphanMakers.Rival launchedJustAfter = readyLongAgo("rival", new ProcessId(4101, 100));
        assertEquals(
                Optional.of("daemon"), OrphanMakers.whose(orphan, List.of(daemonizer), List.of(launchedJustBefore)));
        assertEquals(Optional.empty(), OrphanMakers.whose(orphan, List.of(daemonizer), List.of(launchedJustAfter)));
        assertEquals(
                Optional.empty(),
                OrphanMakers.whose(
                        orphan, List.of(new OrphanMakers.Launch("daemon", 100, 140)), List.of(launchedJustBefore)),
                "a launcher whose start was not read orders nothing within its tick");
    }
}
