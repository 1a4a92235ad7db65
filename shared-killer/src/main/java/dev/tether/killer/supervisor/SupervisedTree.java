package dev.tether.killer.supervisor;

import dev.tether.killer.Signal;
import dev.tether.killer.internal.posix.NativePosix;
import dev.tether.killer.stop.StopTarget;
import dev.tether.killer.tree.ProcessInfo;
import dev.tether.killer.tree.ProcessInspector;
import dev.tether.killer.tree.ProcessTable;
import dev.tether.killer.tree.TreeMembership;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/** A fixture's tree as the OS shows it: membership over fresh /proc snapshots, signals through kill(2). */
final class SupervisedTree implements StopTarget {
    static final String COOKIE_VARIABLE = "TETHER_FIXTURE";

    private final TreeMembership membership;
    private final Optional<Path> cgroup;
    private final Optional<Cgroups> cgroups;
    private final ProcessInspector inspector;
    private final NativePosix posix;
    private final Set<Integer> excluded;
    private final IntFunction<String> exits;

    SupervisedTree(
            TreeMembership membership,
            Optional<Path> cgroup,
            Optional<Cgroups> cgroups,
            ProcessInspector inspector,
            NativePosix posix,
            Set<Integer> excluded,
            IntFunction<String> exits) {
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
                table, inCgroup, pid -> inspector.environmentVariable(pid, COOKIE_VARIABLE), excluded);
    }

    @Override
    public Collection<ProcessInfo> aliveMembers() {
        return members(inspector.snapshot()).stream().filter(p -> !p.isDead()).toList();
    }

    @Override
    public Delivery signal(ProcessInfo member, Signal signal) {
        // The snapshot is a few ms old: confirm the pid still names the same process before signalling it.
        Optional<ProcessInfo> now = inspector.process(member.pid());
        if (now.isEmpty()
                || now.get().startTime() != member.startTime()
                || now.get().isDead()) {
            return Delivery.GONE;
        }
        return switch (posix.signal(member.pid(), signal.number())) {
            case SENT -> Delivery.SENT;
            case GONE -> Delivery.GONE;
            case DENIED -> Delivery.DENIED;
        };
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
        return exits.apply(member.pid());
    }

    @Override
    public String ownerOf(ProcessInfo member) {
        return "uid " + inspector.uid(member.pid());
    }
}
