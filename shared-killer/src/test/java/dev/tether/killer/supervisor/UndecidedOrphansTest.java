package dev.tether.killer.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.TreeMembership;
import dev.tether.killer.stop.StopPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Orphans two of this supervisor's fixtures could have made: taken by the last of them to stop. */
class UndecidedOrphansTest {
    private static final ProcessInfo ORPHAN = new ProcessInfo(4250, 1, 4250, 4250, 120, 'S', "sleep");

    private final Map<String, OwnedTree> fixtures = new ConcurrentHashMap<>();
    private final List<String> endedNow = new ArrayList<>();
    private final UndecidedOrphans undecided =
            new UndecidedOrphans(fixtures, (orphan, why) -> endedNow.add(orphan.pid() + ": " + why));

    private OwnedTree running(String key, int leaderPid) {
        OwnedTree tree = new OwnedTree(
                key,
                new TreeMembership(new ProcessId(leaderPid, 100), "cookie-" + key, List.of()),
                Optional.empty(),
                StopPolicy.DEFAULT,
                0L,
                Path.of(key + ".log"));
        fixtures.put(key, tree);
        return tree;
    }

    private void beginStop(OwnedTree tree) {
        tree.stopping = true;
        undecided.stopBegan(tree);
    }

    @Test
    void theFirstSuspectToStopLeavesTheOrphanToTheOther() {
        OwnedTree web = running("web", 4000);
        OwnedTree db = running("db", 4001);
        undecided.keep(ORPHAN, List.of(web, db));

        beginStop(web);
        assertFalse(web.membership.known().contains(ORPHAN.id()), "web may not have made it: db still runs");
        assertEquals(List.of(ORPHAN.id()), undecided.waitingBeyond(db));

        fixtures.remove("web");
        beginStop(db);
        assertTrue(db.membership.known().contains(ORPHAN.id()), "the last suspect to stop ends it");
        assertEquals(Set.of(), undecided.ids());
        assertEquals(List.of(), endedNow);
    }

    @Test
    void suspectsStoppingTogetherHandItToTheLastWhoseStopBegins() {
        OwnedTree web = running("web", 4000);
        OwnedTree db = running("db", 4001);
        undecided.keep(ORPHAN, List.of(web, db));

        web.stopping = true; // both stops begin at once (the owner is gone): web's look comes after db's flag
        beginStop(db);
        undecided.stopBegan(web);

        assertTrue(db.membership.known().contains(ORPHAN.id()));
        assertFalse(web.membership.known().contains(ORPHAN.id()), "taken once");
    }

    @Test
    void aFixtureStartedAgainUnderTheSameKeyIsNotTheOldSuspect() {
        OwnedTree web = running("web", 4000);
        OwnedTree db = running("db", 4001);
        undecided.keep(ORPHAN, List.of(web, db));
        fixtures.remove("web");
        running("web", 4100); // a new fixture with the old key cannot have made an older orphan

        beginStop(db);

        assertTrue(db.membership.known().contains(ORPHAN.id()));
    }

    @Test
    void anOrphanJudgedWhenEverySuspectIsAlreadyStoppingIsEndedAtOnce() {
        OwnedTree web = running("web", 4000);
        OwnedTree db = running("db", 4001);
        web.stopping = true;
        db.stopping = true;

        undecided.keep(ORPHAN, List.of(web, db));

        assertEquals(List.of("4250: every fixture that could have started it is stopping"), endedNow);
        assertEquals(Set.of(), undecided.ids());
    }

    @Test
    void aDecidedOrphanIsNoLongerWaitedFor() {
        OwnedTree web = running("web", 4000);
        OwnedTree db = running("db", 4001);
        undecided.keep(ORPHAN, List.of(web, db));
        assertEquals(Set.of(ORPHAN.id()), undecided.ids(), "kept for the ledger");

        undecided.decided(ORPHAN.id());
        beginStop(db);

        assertFalse(db.membership.known().contains(ORPHAN.id()));
    }
}
