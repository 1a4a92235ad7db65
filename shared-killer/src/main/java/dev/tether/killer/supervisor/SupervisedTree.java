package dev.tether.killer.supervisor;

import dev.tether.killer.internal.posix.NativePosix;
import dev.tether.killer.process.Delivery;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.ProcessInspector;
import dev.tether.killer.process.ProcessTable;
import dev.tether.killer.process.Signal;
import dev.tether.killer.process.TreeMembership;
import dev.tether.killer.stop.StopTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** A fixture's tree as the OS shows it: membership over fresh /proc snapshots, signals through kill(2). */
final class SupervisedTree implements StopTarget {
    private final TreeMembership membership;
    private final Optional<Path> cgroup;
    private final Optional<Cgroups> cgroups;
    private final ProcessInspector inspector;
    private final NativePosix posix;
    private final Set<Integer> excluded;
    private final Function<ProcessInfo, String> exits;
    private boolean useCgroupShortcut = true;

    SupervisedTree(
            TreeMembership membership,
            Optional<Path> cgroup,
            Optional<Cgroups> cgroups,
            ProcessInspector inspector,
            NativePosix posix,
            Set<Integer> excluded,
            Function<ProcessInfo, String> exits) {
        this.membership = membership;
        this.cgroup = cgroup;
        this.cgroups = cgroups;
        this.inspector = inspector;
        this.posix = posix;
        this.excluded = excluded;
        this.exits = exits;
    }

    /** Every member in the given snapshot, zombies included. */
    Set<ProcessInfo> members(ProcessTable table) {
        Set<Integer> inCgroup = cgroup.map(Cgroups::pids).orElse(Set.of());
        return membership.members(
                table, inCgroup, pid -> inspector.environmentVariable(pid, TreeMembership.COOKIE_VARIABLE), excluded);
    }

    @Override
    public Collection<ProcessInfo> aliveMembers() {
        return members().stream().filter(p -> !p.isDead()).toList();
    }

    /**
     * The members as fast as they can be read. With a cgroup only its processes are looked at: every
     * descendant is born in it, so that is the tree, unless a privileged tool moved a process out, which the
     * full check after every stop catches. Without a cgroup, the whole process table.
     */
    Set<ProcessInfo> members() {
        if (cgroup.isEmpty() || !useCgroupShortcut) {
            return members(inspector.snapshot());
        }
        Set<Integer> inCgroup = Cgroups.pids(cgroup.get());
        List<ProcessInfo> rows = new ArrayList<>();
        for (int pid : inCgroup) {
            inspector.process(pid).ifPresent(rows::add);
        }
        return membership.members(
                new ProcessTable(rows),
                inCgroup,
                pid -> inspector.environmentVariable(pid, TreeMembership.COOKIE_VARIABLE),
                excluded);
    }

    /** The same tree, always read from the whole process table. */
    SupervisedTree withoutCgroupShortcut() {
        SupervisedTree everywhere = new SupervisedTree(membership, cgroup, cgroups, inspector, posix, excluded, exits);
        everywhere.useCgroupShortcut = false;
        return everywhere;
    }

    @Override
    public boolean awaitExitOfAll(Collection<ProcessInfo> members, long nanos) throws InterruptedException {
        return posix.awaitExitOfAll(members.stream().mapToInt(ProcessInfo::pid).toArray(), nanos);
    }

    @Override
    public Delivery signal(ProcessInfo member, Signal signal) {
        // The snapshot is a few ms old: confirm the pid still names the same process before signalling it.
        if (!inspector.isRunning(member.id())) {
            return Delivery.GONE;
        }
        return posix.signal(member.pid(), signal.number());
    }

    @Override
    public void resume(ProcessInfo member) {
        posix.resume(member.pid()); // only after signal() confirmed this pid is the member, a moment ago
    }

    @Override
    public void killAll() {
        if (cgroup.isPresent() && cgroups.isPresent()) {
            cgroups.get().killAll(cgroup.get());
        }
    }

    @Override
    public String describe(ProcessInfo member) {
        return inspector.commandLine(member.pid());
    }

    @Override
    public String exitOf(ProcessInfo member) {
        return exits.apply(member);
    }

    @Override
    public String ownerOf(ProcessInfo member) {
        return "uid " + inspector.uid(member.pid());
    }
}
