package dev.tether.killer.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.supervisor.Adoptions.Ambiguous;
import dev.tether.killer.supervisor.Adoptions.Claim;
import dev.tether.killer.supervisor.Adoptions.LateEscapee;
import dev.tether.killer.supervisor.Adoptions.Life;
import dev.tether.killer.supervisor.Adoptions.Orphaned;
import dev.tether.killer.supervisor.Adoptions.Suspected;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The attribution rules for adopted orphans, on made-up lives (start times in clock ticks). */
class AdoptionsTest {
    private static final long RUNNING = Long.MAX_VALUE;

    private static ProcessId startedAt(long ticks) {
        return new ProcessId(900, ticks);
    }

    @Test
    void anOrphanStartedWhileOnlyOneFixtureLivedIsThatFixtures() {
        List<Life> lives = List.of(new Life("db", 100, 180), new Life("web", 200, RUNNING));

        assertEquals(new Claim("web"), Adoptions.judge(startedAt(250), lives));
    }

    @Test
    void aDaemonThatDetachesLongAfterItsFixtureStartedIsStillAttributed() {
        // Today's 10 s adoption window missed this: the daemon forks 60 s (6000 ticks) after the start.
        List<Life> lives = List.of(new Life("web", 200, RUNNING));

        assertEquals(new Claim("web"), Adoptions.judge(startedAt(6200), lives));
    }

    @Test
    void anOrphanOfAnOldFixtureIsNeverHandedToANewOne() {
        // "old" runs since tick 100 and forks a daemon at 500; "new" started at 480. Either could have made it.
        List<Life> lives = List.of(new Life("old", 100, RUNNING), new Life("new", 480, RUNNING));

        assertEquals(new Ambiguous(List.of("old", "new")), Adoptions.judge(startedAt(500), lives));
    }

    @Test
    void twoFixturesStartedAtOnceLeaveTheirOrphansUnclaimedUntilOneStops() {
        List<Life> both = List.of(new Life("a", 300, RUNNING), new Life("b", 300, RUNNING));
        assertEquals(new Ambiguous(List.of("a", "b")), Adoptions.judge(startedAt(301), both));

        List<Life> aStopped = List.of(new Life("a", 300, 400), new Life("b", 300, RUNNING));
        assertEquals(new Ambiguous(List.of("b")), Adoptions.judge(startedAt(301), aStopped));

        List<Life> bothStopped = List.of(new Life("a", 300, 400), new Life("b", 300, 420));
        assertEquals(new Orphaned(List.of("a", "b")), Adoptions.judge(startedAt(301), bothStopped));
    }

    @Test
    void anOrphanStartedDuringAStoppedFixturesLifeIsItsLateEscapee() {
        List<Life> lives = List.of(new Life("web", 200, 300), new Life("db", 400, RUNNING));

        assertEquals(new LateEscapee("web"), Adoptions.judge(startedAt(250), lives));
    }

    @Test
    void anOrphanOlderThanEveryFixtureBelongsToNone() {
        List<Life> lives = List.of(new Life("web", 200, RUNNING));

        assertEquals(new Orphaned(List.of()), Adoptions.judge(startedAt(150), lives));
    }

    @Test
    void livesAreRememberedAfterTheStop() {
        Adoptions adoptions = new Adoptions();
        adoptions.started("web", 200);
        adoptions.stopped("web", 200, 300);
        adoptions.started("web", 400); // the same id started again

        assertEquals(
                new LateEscapee("web"),
                adoptions.judge(new dev.tether.killer.process.ProcessInfo(900, 50, 900, 900, 250, 'S', "daemon")));
        assertEquals(
                new Claim("web"),
                adoptions.judge(new dev.tether.killer.process.ProcessInfo(901, 50, 901, 901, 450, 'S', "daemon")));
    }

    @Test
    void theOnlyFixtureThatLostAProcessAfterTheOrphanStartedMadeIt() {
        // "web" and "chain" run untouched; "daemon" started at 480, its launcher exited (noticed at 505) after
        // forking the daemon at 500: only a parent's death orphans a process
        List<Life> lives = List.of(
                new Life("web", 100, RUNNING), new Life("chain", 110, RUNNING), new Life("daemon", 480, RUNNING, 505));

        assertEquals(
                new Suspected("daemon", List.of("web", "chain", "daemon")), Adoptions.judge(startedAt(500), lives));
    }

    @Test
    void aLossBeforeTheOrphanStartedIsNoEvidence() {
        // "old" lost its launcher at 200; at 600 an orphan appears: either could have made it
        List<Life> lives = List.of(new Life("old", 100, RUNNING, 200), new Life("new", 480, RUNNING));

        assertEquals(new Ambiguous(List.of("old", "new")), Adoptions.judge(startedAt(600), lives));
    }

    @Test
    void twoFixturesThatBothLostAProcessLeaveTheOrphanUnclaimed() {
        List<Life> lives = List.of(new Life("a", 300, RUNNING, 320), new Life("b", 300, RUNNING, 321));

        assertEquals(new Ambiguous(List.of("a", "b")), Adoptions.judge(startedAt(310), lives));
    }

    /**
     * Seen in CI without cgroups: "web" ran through a pyenv shim, which forks and loses short-lived helpers all
     * through its start; "daemon"'s launcher exited, leaving its daemon. Both lost a process after the orphan
     * started, but only one lost its launcher: the daemonizer. Before this rule the daemon stayed unclaimed and
     * the daemonizing fixture's start failed with "nothing of its tree is left running".
     */
    @Test
    void amongSeveralSuspectsTheOnlyOneWhoseLauncherExitedMadeIt() {
        List<Life> lives =
                List.of(new Life("web", 300, RUNNING, 330, Long.MIN_VALUE), new Life("daemon", 305, RUNNING, 331, 331));
        assertEquals(new Suspected("daemon", List.of("web", "daemon")), Adoptions.judge(startedAt(310), lives));

        List<Life> twoLaunchersGone =
                List.of(new Life("a", 300, RUNNING, 330, 330), new Life("b", 305, RUNNING, 331, 331));
        assertEquals(new Ambiguous(List.of("a", "b")), Adoptions.judge(startedAt(310), twoLaunchersGone));

        List<Life> launcherGoneBefore =
                List.of(new Life("web", 300, RUNNING, 330, 301), new Life("daemon", 305, RUNNING, 331));
        assertEquals(
                new Ambiguous(List.of("web", "daemon")),
                Adoptions.judge(startedAt(310), launcherGoneBefore),
                "a launcher gone before the orphan started cannot have left it");
    }

    @Test
    void aLauncherLossIsRecordedTheFirstTimeItIsNoticed() {
        Adoptions adoptions = new Adoptions();
        adoptions.started("web", 300);
        adoptions.started("daemon", 305);
        adoptions.lost("daemon", 305, 331, true);
        adoptions.lost("daemon", 305, 400, true); // a later loss of a helper: the launcher's time stays
        adoptions.lost("web", 300, 330, false);

        ProcessInfo orphan = new ProcessInfo(900, 50, 900, 900, 310, 'S', "daemon");
        assertEquals(new Suspected("daemon", List.of("web", "daemon")), adoptions.judge(orphan));
        ProcessInfo later = new ProcessInfo(901, 50, 901, 901, 350, 'S', "late");
        assertEquals(
                new Suspected("daemon", List.of("web", "daemon")),
                adoptions.judge(later),
                "only daemon lost anything after 350 (at 400), so it is the only suspect");
    }

    @Test
    void theRunningSuspectGetsTheOrphanEvenWhenAFixtureStoppedAMomentBefore() {
        // "a" was stopped at 400 (within the same ticks as the orphan's start); "b" runs and lost its launcher
        // at 402. Claiming it for "b" at worst ends a's late escapee with b's stop; never kills b's daemon early.
        // No other running candidate could still be seen losing a process: a claim, not a suspicion.
        List<Life> lives = List.of(new Life("a", 300, 400), new Life("b", 300, RUNNING, 402));

        assertEquals(new Claim("b"), Adoptions.judge(startedAt(399), lives));
    }

    @Test
    void aLossIsRememberedUntilTheStop() {
        Adoptions adoptions = new Adoptions();
        adoptions.started("web", 100);
        adoptions.started("daemon", 480);
        adoptions.lost("daemon", 480, 505, true);

        assertEquals(
                new Suspected("daemon", List.of("web", "daemon")),
                adoptions.judge(new dev.tether.killer.process.ProcessInfo(900, 50, 900, 900, 500, 'S', "daemon")));
    }
}
