package dev.tether.killer.process;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who belongs to one fixture's tree. A process is a member if it started no earlier than the leader and
 * <ul>
 *   <li>it is the leader, or in the leader's process group while that group is provably the one the leader
 *       made (see {@link #groupIsOurs}),
 *   <li>or it is in the fixture's cgroup (Linux, where writable: catches every escapee, however it forks),
 *   <li>or its environment carries the fixture's cookie (catches escapees that kept their environment),
 *   <li>or it was seen as a member before (pid and start time), e.g. before a daemon re-parented,
 *   <li>or it descends from a member by parent pid.
 * </ul>
 * Members once seen are remembered, so a daemon found through its ancestry stays found after its parent exits.
 * Pure logic over a {@link ProcessTable}; the cookie and cgroup evidence is handed in.
 */
public final class TreeMembership {
    /** The environment variable that carries a tree's cookie into every process that keeps its environment. */
    public static final String COOKIE_VARIABLE = "TETHER_FIXTURE";

    /** Reads a cookie from a process's environment; empty when absent or unreadable. */
    @FunctionalInterface
    public interface CookieReader {
        Optional<String> cookieOf(int pid);
    }

    private final ProcessId leader;
    private final String cookie;
    private final Set<ProcessId> known = ConcurrentHashMap.newKeySet();
    /** Processes already read without the cookie: an environment does not change after exec, so read once. */
    private final Map<ProcessId, Boolean> cookieChecked = new ConcurrentHashMap<>();

    public TreeMembership(ProcessId leader, String cookie, Collection<ProcessId> knownMembers) {
        this.leader = leader;
        this.cookie = cookie;
        this.known.add(leader);
        this.known.addAll(knownMembers);
    }

    /**
     * One process and whatever it started: a random cookie nobody carries, no known members. For an escapee or
     * an unclaimed orphan that is stopped on its own.
     */
    public static TreeMembership ofOneProcess(ProcessId process) {
        return new TreeMembership(process, UUID.randomUUID().toString(), List.of());
    }

    public ProcessId leader() {
        return leader;
    }

    public String cookie() {
        return cookie;
    }

    /** Every process ever seen in this tree (some may be dead by now). */
    public Set<ProcessId> known() {
        return Set.copyOf(known);
    }

    /** Forgets members known to be dead: a dead process is no root of the tree and no evidence of its group. */
    public void forget(Collection<ProcessId> dead) {
        known.removeAll(dead);
    }

    /** Attributes a process to this tree by other evidence (e.g. it was adopted while only this tree started). */
    public void claim(ProcessId process) {
        known.add(process);
    }

    /**
     * Called with a table read right after the leader was reaped by its parent (the supervisor): the group
     * numbered like the leader's pid is still the one it made, since a pid just freed is not handed out again
     * within milliseconds (pids are allocated upwards until pid_max wraps), so every live process in it that
     * started after the leader is a member. Without this, a backend with no subreaper and no cgroup would lose
     * the group the moment its leader is reaped: nothing else proves it ours. True when it claimed a live process
     * not known before.
     */
    public boolean claimGroupOfReapedLeader(ProcessTable table) {
        boolean claimedNew = false;
        for (ProcessInfo process : table.all()) {
            if (process.pgid() == leader.pid() && !process.isDead() && process.startTime() >= leader.startTime()) {
                claimedNew |= known.add(process.id());
            }
        }
        return claimedNew;
    }

    /**
     * The live and zombie members in {@code table}.
     *
     * @param cgroupPids pids in the fixture's cgroup, empty where there is none
     * @param excluded pids never to count (the supervisor, the owner)
     */
    public Set<ProcessInfo> members(
            ProcessTable table, Set<Integer> cgroupPids, CookieReader cookies, Set<Integer> excluded) {
        List<Integer> roots = new ArrayList<>();
        boolean groupIsOurs = groupIsOurs(table);
        for (ProcessInfo process : table.all()) {
            if (process.startTime() < leader.startTime() || excluded.contains(process.pid())) {
                continue;
            }
            if (isRoot(process, groupIsOurs, cgroupPids, cookies)) {
                roots.add(process.pid());
            }
        }
        Set<ProcessInfo> members = new LinkedHashSet<>();
        for (ProcessInfo member : table.withDescendants(roots)) {
            if (!excluded.contains(member.pid())) {
                members.add(member);
                known.add(member.id());
            }
        }
        forgetVanished(table);
        return members;
    }

    /**
     * The process group numbered like the leader's pid is the leader's own only while it can be proven: the
     * leader itself (pid and start time) is still in the table, or a process already known as a member (pid and start time)
     * is alive in that group. Linux never hands out a pid that still names a live group, so while one proven
     * member remains, the group cannot have been re-created by a stranger whose leader got the recycled pid.
     */
    boolean groupIsOurs(ProcessTable table) {
        // A zombie leader counts too: its pid cannot be reused before it is reaped.
        if (table.get(leader.pid())
                .filter(p -> p.startTime() == leader.startTime())
                .isPresent()) {
            return true;
        }
        for (ProcessInfo process : table.all()) {
            if (process.pgid() == leader.pid() && !process.isDead() && known.contains(process.id())) {
                return true;
            }
        }
        return false;
    }

    private boolean isRoot(ProcessInfo process, boolean groupIsOurs, Set<Integer> cgroupPids, CookieReader cookies) {
        boolean inOurGroup = groupIsOurs && process.pgid() == leader.pid();
        if (known.contains(process.id()) || inOurGroup || cgroupPids.contains(process.pid())) {
            return true;
        }
        if (process.isDead()) {
            return false;
        }
        return cookieChecked.computeIfAbsent(
                process.id(),
                id -> cookies.cookieOf(id.pid()).map(cookie::equals).orElse(false));
    }

    private void forgetVanished(ProcessTable table) {
        Set<ProcessId> present = new HashSet<>();
        for (ProcessInfo process : table.all()) {
            present.add(process.id());
        }
        cookieChecked.keySet().retainAll(present);
    }
}
