package dev.tether.killer;

import dev.tether.killer.stop.Escalation;
import dev.tether.killer.stop.StopPolicy;
import dev.tether.killer.stop.StopReport;
import dev.tether.killer.stop.StopTarget;
import dev.tether.killer.supervisor.LedgerMembers;
import dev.tether.killer.tree.ProcessId;
import dev.tether.killer.tree.ProcessInfo;
import dev.tether.killer.tree.ProcessInspector;
import dev.tether.killer.tree.ProcessTable;
import dev.tether.killer.tree.TreeMembership;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the owner does when its supervisor died unexpectedly (OOM killer, a stray {@code kill -9}): it stops
 * every tree the supervisor held itself, in plain Java, from what it knows of each (leader pid and start time,
 * process group, cookie, cgroup) and the members the supervisor's ledger recorded. Fast rather than gentle:
 * TERM, at most {@link #GRACE} for the tree to go, then KILL, so everything is gone within about a second.
 */
final class OrphanedTrees {
    static final Duration GRACE = Duration.ofMillis(500);

    /** What the owner knows of one tree. */
    record Known(String id, ProcessId leader, String cookie, Optional<Path> cgroup) {}

    private final ProcessInspector inspector;

    OrphanedTrees(ProcessInspector inspector) {
        this.inspector = inspector;
    }

    List<StopReport> stopAll(Collection<Known> trees, Map<String, List<ProcessId>> recordedMembers, int supervisorPid) {
        List<StopReport> reports = new ArrayList<>();
        for (Known tree : trees) {
            TreeMembership membership = new TreeMembership(
                    tree.leader(), tree.cookie(), recordedMembers.getOrDefault(tree.id(), List.of()));
            try {
                reports.add(Escalation.realTime(StopPolicy.gracefulThenKill(Signal.TERM, GRACE))
                        .run(tree.id(), new Target(membership, tree.cgroup(), supervisorPid)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return reports;
    }

    /** A tree seen from the owner: /proc (or ps) for members, ProcessHandle for signals, cgroup.kill if any. */
    private final class Target implements StopTarget {
        private final TreeMembership membership;
        private final Optional<Path> cgroup;
        private final Set<Integer> excluded;

        Target(TreeMembership membership, Optional<Path> cgroup, int supervisorPid) {
            this.membership = membership;
            this.cgroup = cgroup;
            this.excluded = Set.of((int) ProcessHandle.current().pid(), supervisorPid);
        }

        @Override
        public Collection<ProcessInfo> aliveMembers() {
            ProcessTable table = inspector.snapshot();
            return membership
                    .members(table, cgroupPids(), pid -> inspector.environmentVariable(pid, "TETHER_FIXTURE"), excluded)
                    .stream()
                    .filter(p -> !p.isDead())
                    .toList();
        }

        private Set<Integer> cgroupPids() {
            return cgroup.map(LedgerMembers::pidsInCgroup).orElse(Set.of());
        }

        @Override
        public Delivery signal(ProcessInfo member, Signal signal) {
            // Re-checked right before the signal: the pid must still name the same process.
            Optional<ProcessHandle> handle = ProcessHandle.of(member.pid());
            if (!inspector.isRunning(member.id()) || handle.isEmpty()) {
                return Delivery.GONE;
            }
            boolean sent = signal == Signal.KILL
                    ? handle.get().destroyForcibly()
                    : handle.get().destroy();
            return sent ? Delivery.SENT : Delivery.DENIED;
        }

        @Override
        public void killAll() {
            cgroup.map(c -> c.resolve("cgroup.kill"))
                    .filter(kill -> Files.isRegularFile(kill, LinkOption.NOFOLLOW_LINKS))
                    .ifPresent(kill -> {
                        try {
                            Files.writeString(kill, "1", StandardCharsets.US_ASCII);
                        } catch (IOException e) {
                            // each member still gets its own KILL
                        }
                    });
        }

        @Override
        public String describe(ProcessInfo member) {
            return inspector.commandLine(member.pid());
        }
    }
}
