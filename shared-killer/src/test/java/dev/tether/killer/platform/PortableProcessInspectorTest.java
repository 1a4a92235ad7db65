package dev.tether.killer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.internal.posix.NativePosix;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.ProcessTable;
import dev.tether.killer.process.TreeMembership;
import dev.tether.killer.state.CurrentUser;
import dev.tether.killer.testing.Os;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The portable table against what /proc shows for the same real processes: what a Mac would read, checked where
 * the truth can be read too.
 */
class PortableProcessInspectorTest {
    private final PortableProcessInspector portable = new PortableProcessInspector(NativePosix::get);
    private Process started;

    @AfterEach
    void stopWhatWasStarted() throws InterruptedException {
        if (started != null) {
            started.descendants().forEach(ProcessHandle::destroyForcibly);
            started.destroyForcibly().waitFor();
        }
    }

    /** {@code setsid sh -c '...'}: a session and group of its own, like a fixture's. */
    private Process startInOwnSession(String script) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("setsid", "sh", "-c", script);
        builder.environment().put(Os.TEST_MARKER, "portable-inspector");
        started = builder.start();
        return started;
    }

    @Test
    void groupsSessionsParentsAndIdentitiesMatchWhatProcShows() throws Exception {
        Process leader = startInOwnSession("sleep 60 & sleep 60 & wait");
        // each child is a fork of the shell until it execs sleep: the two reads below must see the same process
        Os.await(
                "both children running sleep",
                Duration.ofSeconds(10),
                () -> Os.PROC.snapshot().childrenOf((int) leader.pid()).stream()
                                .filter(child -> child.name().equals("sleep"))
                                .count()
                        == 2);

        ProcessTable truth = Os.PROC.snapshot();
        ProcessTable seen = portable.snapshot();
        Set<ProcessInfo> tree = truth.withDescendants(List.of((int) leader.pid()));
        assertEquals(3, tree.size());
        for (ProcessInfo real : tree) {
            ProcessInfo row = seen.get(real.pid()).orElseThrow();
            assertEquals(real.ppid(), row.ppid(), "parent of " + real.pid());
            assertEquals(real.pgid(), row.pgid(), "group of " + real.pid());
            assertEquals(real.sid(), row.sid(), "session of " + real.pid());
            assertFalse(row.isDead());
            assertEquals(Optional.of(row), portable.process(real.pid()));
            assertEquals(Optional.of(row.id()), portable.identity(real.pid()));
            assertTrue(portable.isRunning(row.id()));
            assertFalse(portable.isRunning(new ProcessId(row.pid(), row.startTime() + 10)), "a reused pid");
            assertEquals(CurrentUser.uid(), portable.uid(real.pid()));
            assertTrue(row.startTime() >= portable.startTimeFloor() - 60_000, "epoch milliseconds, recent");
        }
        assertEquals(
                tree.stream().map(ProcessInfo::pid).collect(Collectors.toSet()),
                seen.withDescendants(List.of((int) leader.pid())).stream()
                        .map(ProcessInfo::pid)
                        .collect(Collectors.toSet()));
        assertTrue(portable.commandLine((int) leader.pid()).contains("sleep 60 & sleep 60 & wait"));
        assertEquals(Optional.empty(), portable.environmentVariable((int) leader.pid(), Os.TEST_MARKER));
    }

    @Test
    void noProcessStartedAfterTheFloorWasTakenStartsBelowItAndTheFloorFollowsTheYoungestStartRead() throws Exception {
        for (int round = 0; round < 20; round++) {
            PortableProcessInspector fresh = new PortableProcessInspector(NativePosix::get);
            long unlearned = fresh.startTimeFloor(); // only this JVM's own start read so far
            long learned = portable.startTimeFloor(); // every process the rounds before read
            ProcessBuilder sleeper = new ProcessBuilder("sleep", "60");
            sleeper.environment().put(Os.TEST_MARKER, "portable-floor");
            started = sleeper.start();
            ProcessId id = portable.identity((int) started.pid()).orElseThrow();
            long readBy = System.currentTimeMillis();
            assertTrue(id.startTime() >= unlearned, "started at " + id.startTime() + ", floor " + unlearned);
            assertTrue(id.startTime() >= learned, "started at " + id.startTime() + ", floor " + learned);

            // the floor is below now by no more than the lag that start showed, a tick and the rounding (2 ms more:
            // the monotonic clock's milliseconds need not turn with the wall clock's)
            long askedAt = System.currentTimeMillis();
            long floor = portable.startTimeFloor();
            assertTrue(
                    floor >= askedAt - (readBy - id.startTime()) - 14,
                    "floor " + floor + " at " + askedAt + ", a start " + id.startTime() + " read by " + readBy);
            started.destroyForcibly().waitFor();
        }
    }

    @Test
    void aZombieIsTakenAsFinishedAndItsRunningParentIsNot() throws Exception {
        // the child exits at once; its parent then becomes a sleep that never reaps it
        Process parent = startInOwnSession("sleep 0.01 & exec sleep 60");
        Os.await(
                "the child a zombie",
                Duration.ofSeconds(10),
                () -> Os.PROC.snapshot().childrenOf((int) parent.pid()).stream().anyMatch(ProcessInfo::isDead));
        ProcessInfo zombie = Os.PROC.snapshot().childrenOf((int) parent.pid()).get(0);

        ProcessInfo row = portable.process(zombie.pid()).orElseThrow();
        assertTrue(row.isDead(), "a zombie holds nothing and runs nothing: " + row);
        assertFalse(portable.isRunning(row.id()));
        ProcessId parentId = portable.identity((int) parent.pid()).orElseThrow();
        assertTrue(portable.isRunning(parentId));
        assertTrue(portable.snapshot().isAlive(parentId));
        assertFalse(portable.snapshot().isAlive(row.id()));
    }

    @Test
    void membershipByGroupAndAncestryWorksOnThePortableTable() throws Exception {
        // a setsid grandchild leaves the group; ancestry still finds it while its parent lives
        Process leader = startInOwnSession("setsid sleep 60 & sleep 60 & wait");
        // each child is a fork of the shell until it execs sleep: the two reads below must see the same process
        Os.await(
                "both children running sleep",
                Duration.ofSeconds(10),
                () -> Os.PROC.snapshot().childrenOf((int) leader.pid()).stream()
                                .filter(child -> child.name().equals("sleep"))
                                .count()
                        == 2);
        ProcessId leaderId = portable.identity((int) leader.pid()).orElseThrow();
        TreeMembership membership = new TreeMembership(leaderId, "cookie", List.of());
        Set<Integer> members = membership
                .members(portable.snapshot(), Set.of(), pid -> portable.environmentVariable(pid, "x"), Set.of())
                .stream()
                .map(ProcessInfo::pid)
                .collect(Collectors.toSet());
        assertEquals(
                Os.PROC.snapshot().withDescendants(List.of((int) leader.pid())).stream()
                        .map(ProcessInfo::pid)
                        .collect(Collectors.toSet()),
                members);
    }
}
