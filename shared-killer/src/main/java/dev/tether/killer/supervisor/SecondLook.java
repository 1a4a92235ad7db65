package dev.tether.killer.supervisor;

import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.ProcessTable;
import dev.tether.killer.stop.Escalation;
import dev.tether.killer.stop.StopPolicy;
import dev.tether.killer.stop.StopReport;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * After a tree's escalation, what its reads could not see, stopped the same way. With a cgroup the escalation
 * looked inside it only: a process a privileged tool moved out is still found by group, ancestry or cookie in the
 * whole table. Without a cgroup, a child the launcher forked as its TERM came was in no read of the tree, and once
 * the launcher is reaped nothing proves its group ours but the moment of the reaping (see {@link
 * InitOrphans#claimedWhatItsGroupKept}); seen on the portable backend, and on linux without cgroups (the subreaper
 * adopted it, and the stop had returned before the adoption was judged).
 */
final class SecondLook {
    private final Function<OwnedTree, SupervisedTree> treeOf;
    private final Optional<InitOrphans> initOrphans;
    private final Predicate<OwnedTree> nothingLeftBelowSubreaper;

    SecondLook(
            Function<OwnedTree, SupervisedTree> treeOf,
            Optional<InitOrphans> initOrphans,
            Predicate<OwnedTree> nothingLeftBelowSubreaper) {
        this.treeOf = treeOf;
        this.initOrphans = initOrphans;
        this.nothingLeftBelowSubreaper = nothingLeftBelowSubreaper;
    }

    /**
     * Nothing of {@code fixture} is left anywhere, as the subreaper's adopted children show (see {@link
     * Attribution#nothingLeftOf}); never claimed without a subreaper, whose orphans go to pid 1 instead.
     */
    boolean nothingLeftOf(OwnedTree fixture) {
        return initOrphans.isEmpty() && nothingLeftBelowSubreaper.test(fixture);
    }

    /**
     * The report of {@code fixture}'s stop, followed by a second escalation when something was left. The whole
     * table is read only when the tree has a cgroup (a full read costs 1-10 ms), and not even then when the
     * subreaper's children show nothing of the tree is left: a process moved out of the cgroup has a live ancestor
     * among them once every process in the cgroup is dead. {@code table} may be one read shared by every tree of a
     * stop-all.
     */
    StopReport after(OwnedTree fixture, StopPolicy policy, StopReport report, Supplier<ProcessTable> table)
            throws InterruptedException {
        if (fixture.cgroup.isPresent() && nothingLeftOf(fixture)) {
            return report;
        }
        if (fixture.cgroup.isPresent()) {
            SupervisedTree everywhere = treeOf.apply(fixture).withoutCgroupShortcut();
            if (everywhere.members(table.get()).stream().allMatch(ProcessInfo::isDead)) {
                return report;
            }
            return report.followedBy(Escalation.realTime(policy).run(fixture.key, everywhere));
        }
        if (fixture.launcherRanWhenStopBegan
                && initOrphans
                        .map(orphans -> orphans.claimedWhatItsGroupKept(fixture))
                        .orElseGet(() -> fixture.membership.claimGroupOfReapedLeader(table.get()))) {
            return report.followedBy(Escalation.realTime(policy).run(fixture.key, treeOf.apply(fixture)));
        }
        return report;
    }
}
