package dev.tether.killer.supervisor;

import dev.tether.killer.internal.posix.NativePosix;
import dev.tether.killer.ports.PortOwners;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.ProcessInspector;
import dev.tether.killer.protocol.Message;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The readiness wait's owner check, made where it is cheapest: is the socket listening on a port held by a
 * process of this fixture's tree? The listeners come from sock_diag (the kernel's listening hash, ~0.05 ms)
 * rather than /proc/net/tcp (every socket of the machine, ~2 ms per table). The holder is looked for first
 * among the tree's known members and their children, read one /proc/PID/task/PID/children file at a time
 * (where a server that just began to listen almost always is), and only then among all members, which needs
 * the whole process table.
 */
final class ListenerCheck {
    /** {@code TETHER_SOCK_DIAG=off}: read /proc/net/tcp{,6} as where netlink is refused (tests of that path). */
    static final String SOCK_DIAG_SWITCH = "TETHER_SOCK_DIAG";

    private static final boolean SOCK_DIAG = !"off".equals(System.getenv(SOCK_DIAG_SWITCH));

    private final NativePosix posix;
    private final ProcessInspector inspector;
    private final Function<OwnedTree, List<ProcessInfo>> allMembers;

    ListenerCheck(NativePosix posix, ProcessInspector inspector, Function<OwnedTree, List<ProcessInfo>> allMembers) {
        this.posix = posix;
        this.inspector = inspector;
        this.allMembers = allMembers;
    }

    Message.PortHeld check(int requestId, OwnedTree fixture, int port) {
        if (!PortOwners.isSupported()) {
            return new Message.PortHeld(requestId, false, false);
        }
        Set<Long> sockets = listeningSockets(posix, port);
        if (sockets.isEmpty()) {
            return new Message.PortHeld(requestId, false, false);
        }
        // The known members first (a server is most often the launched process or a child seen already): each
        // further step reads more of /proc, ~0.5-1 ms per file on a sandboxed VM.
        List<Integer> known = runningKnownMembers(fixture);
        if (!PortOwners.holders(sockets, known).isEmpty()
                || !PortOwners.holders(sockets, nearMembers(fixture, known)).isEmpty()) {
            return new Message.PortHeld(requestId, true, true);
        }
        List<Integer> alive = allMembers.apply(fixture).stream()
                .filter(p -> !p.isDead())
                .map(ProcessInfo::pid)
                .toList();
        return new Message.PortHeld(
                requestId, true, !PortOwners.holders(sockets, alive).isEmpty());
    }

    /**
     * The inodes of the sockets listening on {@code port}: from sock_diag unless switched off or refused, else
     * from /proc/net/tcp{,6}. The warm-up calls it too, so it compiles the branch that real checks take.
     */
    static Set<Long> listeningSockets(NativePosix posix, int port) {
        return (SOCK_DIAG ? posix.listeningSocketInodes(port) : Optional.<Set<Long>>empty())
                .orElseGet(() -> PortOwners.listeningSockets(port));
    }

    /** The known members still running (pid and start time checked). */
    private List<Integer> runningKnownMembers(OwnedTree fixture) {
        return fixture.membership.known().stream()
                .filter(inspector::isRunning)
                .map(ProcessId::pid)
                .toList();
    }

    /**
     * Besides the running {@code known} members, the processes in the fixture's cgroup and every descendant of
     * either reachable through the children lists. All members by definition; not all members (a daemon not seen
     * yet is missing), which the full check covers.
     */
    private Set<Integer> nearMembers(OwnedTree fixture, List<Integer> known) {
        Deque<Integer> toVisit = new ArrayDeque<>(known);
        fixture.cgroup.map(Cgroups::pids).ifPresent(toVisit::addAll);
        Set<Integer> found = new LinkedHashSet<>();
        while (!toVisit.isEmpty()) {
            int pid = toVisit.poll();
            if (found.add(pid)) {
                inspector.childrenOfMainThread(pid).ifPresent(toVisit::addAll);
            }
        }
        found.removeAll(known); // already looked at
        return found;
    }
}
