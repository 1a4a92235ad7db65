package dev.tether.killer.stop;

import static dev.tether.killer.stop.FakeTree.honours;
import static dev.tether.killer.stop.FakeTree.ignoresAllButKill;
import static dev.tether.killer.stop.FakeTree.immortal;
import static dev.tether.killer.stop.FakeTree.otherUsers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.Signal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EscalationTest {
    private static final long MS = 1_000_000;

    private static StopReport stop(FakeTree tree, String policy) throws InterruptedException {
        return new Escalation(StopPolicy.parse(policy), tree.clock::nanoTime, tree.clock::sleep).run("fx", tree);
    }

    @Test
    void cooperativeTreeEndsInTheFirstStepAndNeverSeesKill() throws Exception {
        FakeTree tree = new FakeTree().add(10, honours(Signal.TERM, 2 * MS)).add(11, honours(Signal.TERM, 3 * MS));

        StopReport report = stop(tree, "TERM 10s");

        assertTrue(report.isClean());
        assertEquals(2, report.ended().size());
        assertTrue(report.ended().stream().allMatch(o -> o.endedBy() == Signal.TERM && o.step() == 1));
        assertTrue(tree.log.stream().noneMatch(l -> l.startsWith("KILL")), tree.log.toString());
        assertEquals(0, tree.killAllCalls);
        assertTrue(report.took().compareTo(Duration.ofMillis(10)) < 0, "noticed within the first polls: " + report);
    }

    @Test
    void termIgnorerIsKilledWhenTheGraceRunsOut() throws Exception {
        FakeTree tree = new FakeTree().add(10, ignoresAllButKill()).add(11, honours(Signal.TERM, MS));

        StopReport report = stop(tree, "TERM 2s, KILL 1s");

        assertTrue(report.isClean());
        ProcessOutcome stubborn =
                report.ended().stream().filter(o -> o.pid() == 10).findFirst().orElseThrow();
        assertEquals(Signal.KILL, stubborn.endedBy());
        assertEquals(2, stubborn.step());
        assertTrue(stubborn.after().compareTo(Duration.ofSeconds(2)) >= 0, "KILL only after the whole grace");
        assertEquals(1, tree.killAllCalls);
    }

    @Test
    void childBornDuringTheStopIsSignalledToo() throws Exception {
        FakeTree tree = new FakeTree()
                .add(10, ignoresAllButKill())
                .addAt(12, honours(Signal.TERM, MS), 5 * MS); // forked by 10 while it ignores TERM

        StopReport report = stop(tree, "TERM 1s");

        assertTrue(report.isClean());
        assertTrue(tree.log.stream().anyMatch(l -> l.startsWith("TERM->12")), tree.log.toString());
        assertTrue(report.ended().stream().anyMatch(o -> o.pid() == 12 && o.endedBy() == Signal.TERM));
    }

    @Test
    void eachMemberIsSignalledOncePerStepAndContinuedAfterEveryCatchableSignal() throws Exception {
        FakeTree tree = new FakeTree().add(10, ignoresAllButKill());

        stop(tree, "TERM 1s, KILL 1s");

        assertEquals(List.of("TERM->10@0ms", "CONT->10@0ms", "KILL->10@1000ms"), tree.log);
    }

    /** When every tree stops at once the supervisor sends the first signal before the escalation reads the tree. */
    @Test
    void memberSentTheFirstSignalAlreadyIsNotSentItAgainButStillGetsTheNextStep() throws Exception {
        FakeTree tree = new FakeTree().add(10, ignoresAllButKill()).add(11, ignoresAllButKill());
        ProcessId alreadyTermed = tree.aliveMembers().stream()
                .filter(p -> p.pid() == 10)
                .findFirst()
                .orElseThrow()
                .id();

        StopReport report = new Escalation(
                        StopPolicy.parse("TERM 1s, KILL 1s"), tree.clock::nanoTime, tree.clock::sleep)
                .run("fx", tree, Set.of(alreadyTermed));

        assertEquals(List.of("TERM->11@0ms", "CONT->11@0ms", "KILL->10@1000ms", "KILL->11@1000ms"), tree.log);
        assertTrue(report.isClean(), report.summary());
    }

    @Test
    void stoppedMemberIsContinuedSoItShutsDownOnTermInsteadOfSittingOutTheGrace() throws Exception {
        FakeTree tree = new FakeTree()
                .add(10, honours(Signal.TERM, MS))
                .add(11, honours(Signal.TERM, MS))
                .stop(11); // frozen by a test, or by Ctrl-Z

        StopReport report = stop(tree, "TERM 10s, KILL 1s");

        assertTrue(report.isClean(), report.summary());
        assertTrue(
                report.ended().stream().allMatch(o -> o.endedBy() == Signal.TERM && o.step() == 1), report.summary());
        assertTrue(report.took().compareTo(Duration.ofSeconds(1)) < 0, "did not wait out the grace: " + report);
    }

    @Test
    void anotherUsersProcessIsASurvivorWithTheReasonAndTheFix() throws Exception {
        FakeTree tree = new FakeTree().add(10, honours(Signal.TERM, MS)).add(20, otherUsers());

        StopReport report = stop(tree, "TERM 1s, KILL 1s");

        assertFalse(report.isClean());
        Survivor survivor = report.survivors().get(0);
        assertEquals(20, survivor.pid());
        assertEquals("cmd-20", survivor.command());
        assertTrue(survivor.reason().contains("EPERM") && survivor.reason().contains("uid 1234"), survivor.reason());
        assertTrue(report.summary().contains("1 SURVIVED: 20 cmd-20"), report.summary());
    }

    @Test
    void processThatOutlivesKillIsReportedNotWaitedOnForever() throws Exception {
        FakeTree tree = new FakeTree().add(10, immortal());

        StopReport report = stop(tree, "TERM 1s, KILL 2s");

        assertEquals(1, report.survivors().size());
        assertTrue(report.survivors().get(0).reason().startsWith("still alive after KILL"));
        assertEquals(Duration.ofSeconds(3), report.took(), "exactly the two graces, on the fake clock");
    }

    @Test
    void emptyTreeIsCleanAtOnce() throws Exception {
        FakeTree tree = new FakeTree();

        StopReport report = stop(tree, "TERM 10s");

        assertTrue(report.isClean());
        assertEquals(Duration.ZERO, report.took());
        assertTrue(tree.log.isEmpty());
    }
}
