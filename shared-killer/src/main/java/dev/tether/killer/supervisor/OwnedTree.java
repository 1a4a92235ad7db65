package dev.tether.killer.supervisor;

import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInspector;
import dev.tether.killer.process.ProcessTable;
import dev.tether.killer.process.TreeMembership;
import dev.tether.killer.stop.StopPolicy;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** One tree the supervisor owns: who leads it, how to find its members, and how to stop it. */
final class OwnedTree {
    final String key;
    final TreeMembership membership;
    final Optional<Path> cgroup;
    final StopPolicy policy;
    final long spawnedAtNanos;

    final Path logFile;
    private final AtomicBoolean exitReported = new AtomicBoolean();
    /** Known members seen gone, so each loss counts once as evidence (see {@link Adoptions}). */
    private final Set<ProcessId> lost = new HashSet<>();
    /** The newest start time seen when its start was over (launcher exited or found ready); 0 while starting. */
    private final AtomicLong settledAt = new AtomicLong();
    /**
     * False when the leader exited and was reaped before its start time could be read: it is then the spawn's
     * floor, below the real start by a tick (on the portable backend by tens of milliseconds, or a second before
     * it has read any start), too early to judge orphans by (see InitOrphans).
     */
    volatile boolean leaderStartRead = true;
    /** Set when its stop begins: the leader's exit is then our own doing, and its tree is being ended anyway. */
    volatile boolean stopping;
    /** Without a cgroup: whether its launcher still ran when the stop began (then reaped during it, see SecondLook). */
    volatile boolean launcherRanWhenStopBegan;

    OwnedTree(
            String key,
            TreeMembership membership,
            Optional<Path> cgroup,
            StopPolicy policy,
            long spawnedAtNanos,
            Path logFile) {
        this.logFile = logFile;
        this.key = key;
        this.membership = membership;
        this.cgroup = cgroup;
        this.policy = policy;
        this.spawnedAtNanos = spawnedAtNanos;
    }

    ProcessId leader() {
        return membership.leader();
    }

    /** What judging its orphans later needs to know from before its first signal (see SecondLook, InitOrphans). */
    void beginStop(ProcessInspector inspector, Optional<InitOrphans> initOrphans) {
        launcherRanWhenStopBegan = cgroup.isEmpty() && inspector.isRunning(leader());
        initOrphans.ifPresent(orphans -> orphans.stopBegins(this)); // with what its launcher left
        stopping = true;
    }

    /** True exactly once: the leader's exit is reported to the owner a single time, whoever notices it first. */
    boolean claimExitReport() {
        return exitReported.compareAndSet(false, true);
    }

    /** True when a member in {@code known} is gone (or a zombie) from {@code table} for the first time. */
    synchronized boolean noticeLosses(Set<ProcessId> known, ProcessTable table) {
        boolean any = false;
        for (ProcessId member : known) {
            if (!table.isAlive(member) && lost.add(member)) {
                any = true;
            }
        }
        return any;
    }

    /**
     * Forgets the members whose loss was noticed and that are gone from {@code table} (reaped): they are evidence
     * once, and nothing needs a dead member again (the ledger's sweep acts on live identities only). A zombie
     * stays known and noticed: the next look finds it in the tree again, and would count it as a new loss. Without
     * this a tree that forks a short-lived process every second (a helper polling with {@code sleep 1}) grew by one
     * member a second, in memory and in the ledger rewritten each time.
     */
    synchronized void forgetReapedLosses(ProcessTable table) {
        Set<ProcessId> reaped = new HashSet<>();
        for (ProcessId member : lost) {
            if (table.get(member.pid())
                    .filter(p -> p.startTime() == member.startTime())
                    .isEmpty()) {
                reaped.add(member);
            }
        }
        membership.forget(reaped);
        lost.removeAll(reaped);
    }

    /** Whether {@code member}'s loss was already noticed (see {@link #noticeLosses}). */
    synchronized boolean lossNoticed(ProcessId member) {
        return lost.contains(member);
    }

    /** Its start is over as of {@code startTime} (in the inspector's units); a later call may only extend it. */
    void settle(long startTime) {
        settledAt.accumulateAndGet(startTime, Math::max);
    }

    /** The newest start time seen when its start was over, or {@code STILL_STARTING} while it starts. */
    long startingUntil() {
        long settled = settledAt.get();
        return settled == 0 ? OrphanMakers.Rival.STILL_STARTING : settled;
    }

    /** Its start was found over (launcher exited, found ready): a stop does not move that end later. */
    boolean isSettled() {
        return settledAt.get() != 0;
    }

    Ledger.Entry ledgerEntry() {
        long settled = settledAt.get();
        return new Ledger.Entry(
                key,
                leader(),
                membership.cookie(),
                cgroup,
                List.copyOf(membership.known()),
                settled == 0 ? OptionalLong.empty() : OptionalLong.of(settled));
    }
}
