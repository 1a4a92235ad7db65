package dev.tether.killer.process;

import static dev.tether.killer.process.ProcessTableTest.pids;
import static dev.tether.killer.process.ProcessTableTest.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TreeMembershipTest {
    private static final int SUPERVISOR = 50;
    private static final Set<Integer> EXCLUDED = Set.of(SUPERVISOR);

    private static TreeMembership.CookieReader cookies(Map<Integer, String> byPid) {
        return pid -> Optional.ofNullable(byPid.get(pid));
    }

    @Test
    void groupAndAncestryFindTheOrdinaryTree() {
        ProcessTable table = new ProcessTable(List.of(
                row(SUPERVISOR, 1, SUPERVISOR, 5),
                row(100, SUPERVISOR, 100, 10),
                row(101, 100, 100, 11),
                row(102, 101, 102, 12), // setsid child: another group, still a descendant
                row(200, SUPERVISOR, 200, 20))); // a sibling fixture
        TreeMembership tree = new TreeMembership(new ProcessId(100, 10), "c1", List.of());

        assertEquals(Set.of(100, 101, 102), pids(tree.members(table, Set.of(), cookies(Map.of()), EXCLUDED)));
    }

    @Test
    void reparentedDaemonIsFoundByCookieCgroupOrMemory() {
        // 300: kept the cookie; 301: in the cgroup; 302: seen before under its old parent; 303: a stranger.
        ProcessTable table = new ProcessTable(List.of(
                row(SUPERVISOR, 1, SUPERVISOR, 5),
                row(300, SUPERVISOR, 300, 30),
                row(301, SUPERVISOR, 301, 31),
                row(302, SUPERVISOR, 302, 32),
                row(303, SUPERVISOR, 303, 33),
                row(304, 303, 303, 34)));
        TreeMembership tree = new TreeMembership(new ProcessId(100, 10), "c1", List.of(new ProcessId(302, 32)));

        Set<ProcessInfo> members = tree.members(table, Set.of(301), cookies(Map.of(300, "c1", 303, "other")), EXCLUDED);

        assertEquals(Set.of(300, 301, 302), pids(members));
    }

    @Test
    void processesOlderThanTheLeaderAndReusedPidsAreNeverMembers() {
        ProcessTable table = new ProcessTable(List.of(
                row(400, 1, 400, 3), // older than the leader, even with the cookie
                row(302, 1, 302, 99))); // pid 302 was a member, but this is a new process
        TreeMembership tree = new TreeMembership(new ProcessId(100, 10), "c1", List.of(new ProcessId(302, 32)));

        assertEquals(Set.of(), pids(tree.members(table, Set.of(), cookies(Map.of(400, "c1")), EXCLUDED)));
    }

    @Test
    void membersOnceSeenStayKnownAfterTheirParentExits() {
        TreeMembership tree = new TreeMembership(new ProcessId(100, 10), "c1", List.of());
        ProcessTable before = new ProcessTable(List.of(row(100, SUPERVISOR, 100, 10), row(101, 100, 101, 11)));
        tree.members(before, Set.of(), cookies(Map.of()), EXCLUDED);
        ProcessTable after = new ProcessTable(List.of(row(101, SUPERVISOR, 101, 11))); // leader gone, 101 adopted

        assertEquals(Set.of(101), pids(tree.members(after, Set.of(), cookies(Map.of()), EXCLUDED)));
    }

    @Test
    void theSupervisorItselfIsNeverAMember() {
        ProcessTable table = new ProcessTable(List.of(row(SUPERVISOR, 1, 100, 10)));
        TreeMembership tree = new TreeMembership(new ProcessId(100, 10), "c1", List.of());

        assertEquals(Set.of(), pids(tree.members(table, Set.of(SUPERVISOR), cookies(Map.of()), EXCLUDED)));
    }

    @Test
    void aGroupReCreatedUnderTheDeadLeadersRecycledPidIsAStrangersNotOurs() {
        // Our leader 100@10 and its whole group are gone; a stranger's process got pid 100 and leads group 100.
        ProcessTable table = new ProcessTable(List.of(
                row(100, 1, 100, 70), // the stranger leader: same pid, later start
                row(101, 100, 100, 71), // its child, in its group
                row(120, 1, 100, 72))); // another of its group, re-parented to init
        TreeMembership tree = new TreeMembership(new ProcessId(100, 10), "c1", List.of(new ProcessId(101, 11)));

        assertEquals(Set.of(), pids(tree.members(table, Set.of(), cookies(Map.of()), EXCLUDED)));
        assertEquals(false, tree.groupIsOurs(table));
    }

    @Test
    void aGroupWhoseLeaderExitedStaysOursWhileAKnownMemberLivesInIt() {
        TreeMembership tree = new TreeMembership(new ProcessId(100, 10), "c1", List.of(new ProcessId(101, 11)));
        ProcessTable table = new ProcessTable(List.of(
                row(101, SUPERVISOR, 100, 11), // known member, still in group 100
                row(102, SUPERVISOR, 100, 12))); // never seen before, same group: provably ours

        assertEquals(Set.of(101, 102), pids(tree.members(table, Set.of(), cookies(Map.of()), EXCLUDED)));
    }

    @Test
    void aZombieLeaderStillProvesItsGroup() {
        TreeMembership tree = new TreeMembership(new ProcessId(100, 10), "c1", List.of());
        ProcessTable table = new ProcessTable(
                List.of(ProcessTableTest.zombie(100, SUPERVISOR, 100, 10), row(103, SUPERVISOR, 100, 13)));

        assertEquals(Set.of(100, 103), pids(tree.members(table, Set.of(), cookies(Map.of()), EXCLUDED)));
    }
}
