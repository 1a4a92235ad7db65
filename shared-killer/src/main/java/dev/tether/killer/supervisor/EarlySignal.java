package dev.tether.killer.supervisor;

import dev.tether.killer.internal.posix.NativePosix;
import dev.tether.killer.process.Delivery;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.ProcessInspector;
import dev.tether.killer.process.Signal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When every tree is stopped at once (the owner died, or shut the supervisor down), the first step's signal goes
 * first to the members found without working out the trees: every process in a tree's cgroup, and every member its
 * last look found. The stop that follows works each tree out as always and signals what is new; this only brings
 * the first signal forward.
 *
 * <p>Why: that stop runs once in a supervisor's life, so its code is cold: interpreted, its lambdas and JNA
 * functions linked on first use, with the compiler thread and young collections of a 4 MB heap beside it on two
 * cores. After the owner's SIGKILL its first TERM went out 15-30 ms after the supervisor read EOF on its stdin,
 * against 2-10 ms for these loops (EngineBenchmark's "owner JVM SIGKILLed", with timestamps added for the
 * purpose, 2026-12-02).
 */
final class EarlySignal {
    private EarlySignal() {}

    /**
     * Begins every tree's stop, then sends each tree's first stop signal to the members that can be found at once.
     *
     * @return per tree, the members it reached, which its stop does not send that signal again (Escalation#run)
     */
    static Map<OwnedTree, Set<ProcessId>> beginStops(
            List<OwnedTree> trees,
            ProcessInspector inspector,
            Optional<InitOrphans> initOrphans,
            NativePosix posix,
            int self) {
        for (OwnedTree fixture : trees) {
            fixture.beginStop(inspector, initOrphans); // every tree's, before any signal (see SecondLook)
        }
        Map<OwnedTree, Set<ProcessId>> sent = new HashMap<>();
        for (OwnedTree fixture : trees) {
            sent.put(fixture, toMembers(fixture, inspector, posix, self));
        }
        return sent;
    }

    /** Plain loops, no lambdas: this runs once in a supervisor's life, and each lambda's first use costs ~0.3 ms. */
    private static Set<ProcessId> toMembers(
            OwnedTree fixture, ProcessInspector inspector, NativePosix posix, int self) {
        Signal first = fixture.policy.steps().get(0).signal();
        Set<ProcessId> reached = new HashSet<>();
        // With a cgroup every process of the tree was born in it: one read finds members no look has seen yet.
        Set<Integer> inCgroup = fixture.cgroup.isPresent() ? Cgroups.pids(fixture.cgroup.get()) : Set.of();
        for (int pid : inCgroup) {
            // not the supervisor, which stays in the last cgroup it spawned into
            Optional<ProcessInfo> process = pid == self ? Optional.empty() : inspector.process(pid);
            if (process.isPresent() && !process.get().isDead()) {
                send(process.get().id(), first, posix, reached);
            }
        }
        for (ProcessId member : fixture.membership.known()) {
            // a known member may have died since the last look: confirm the pid still names it right before
            if (!reached.contains(member) && inspector.isRunning(member)) {
                send(member, first, posix, reached);
            }
        }
        return reached;
    }

    private static void send(ProcessId member, Signal signal, NativePosix posix, Set<ProcessId> reached) {
        if (posix.signal(member.pid(), signal.number()) == Delivery.SENT) {
            reached.add(member);
            if (signal != Signal.KILL) {
                posix.resume(member.pid()); // as Escalation does: a stopped process keeps a TERM pending
            }
        }
    }
}
