package dev.tether.killer.client;

import dev.tether.killer.platform.Backend;
import dev.tether.killer.process.Delivery;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.ProcessInspector;
import dev.tether.killer.process.Signal;
import dev.tether.killer.stop.Escalation;
import dev.tether.killer.stop.StopPolicy;
import dev.tether.killer.stop.StopReport;
import dev.tether.killer.stop.StopTarget;
import dev.tether.killer.supervisor.LedgerMembers;
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
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What the owner does when its supervisor died unexpectedly (OOM killer, a stray {@code kill -9}): it stops
 * every tree the supervisor held itself, in plain Java, from what it knows of each (leader pid and start time,
 * process group, cookie, cgroup: its {@link TreeRecord}) and the members the supervisor's ledger recorded. Fast rather than gentle:
 * TERM, at most {@link #GRACE} for the tree to go, then KILL, so everything is gone within about a second.
 */
final class OrphanedTrees {
    static final Duration GRACE = Duration.ofMillis(500);

    private final ProcessInspector inspector;

    OrphanedTrees(ProcessInspector inspector) {
        this.inspector = inspector;
    }

    /**
     * Stops every tree, then the {@code unclaimed} orphans the dead supervisor had adopted without knowing whose
     * they were (recorded by pid and start time in its ledger): they are this owner's too, and nobody else
     * will end them.
     */
    List<StopReport> stopAll(
            Collection<TreeRecord> trees,
            Map<String, List<ProcessId>> recordedMembers,
            Collection<ProcessId> unclaimed,
            int supervisorPid) {
        List<StopReport> reports = new ArrayList<>();
        Set<Integer> excluded = Set.of((int) ProcessHandle.current().pid(), supervisorPid);
        try {
            for (TreeRecord tree : trees) {
                RecordedTree found =
                        new RecordedTree(tree, recordedMembers.getOrDefault(tree.id(), List.of()), inspector, excluded);
                reports.add(stop(tree.id(), new Target(found::aliveMembers, tree.cgroup())));
            }
            if (!unclaimed.isEmpty()) {
                reports.add(stop(UNCLAIMED, new Target(() -> stillRunning(unclaimed), Optional.empty())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return reports;
    }

    /** How the report names the orphans no tree claimed. */
    static final String UNCLAIMED = "unclaimed orphans";

    private static StopReport stop(String name, Target target) throws InterruptedException {
        return Escalation.realTime(StopPolicy.gracefulThenKill(Signal.TERM, GRACE))
                .run(name, target);
    }

    /** Those of {@code ids} still running as the same process (pid and start time): a reused pid is not ours. */
    private Collection<ProcessInfo> stillRunning(Collection<ProcessId> ids) {
        List<ProcessInfo> alive = new ArrayList<>();
        for (ProcessId id : ids) {
            inspector
                    .process(id.pid())
                    .filter(p -> p.id().equals(id) && !p.isDead())
                    .ifPresent(alive::add);
        }
        return alive;
    }

    /** Processes seen from the owner: ProcessHandle for signals, cgroup.kill when the tree had a cgroup. */
    private final class Target implements StopTarget {
        private final Supplier<Collection<ProcessInfo>> members;
        private final Optional<Path> cgroup;

        Target(Supplier<Collection<ProcessInfo>> members, Optional<Path> cgroup) {
            this.members = members;
            this.cgroup = cgroup;
        }

        @Override
        public Collection<ProcessInfo> aliveMembers() {
            return members.get();
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

    /**
     * The supervisor died while it held trees (OOM killer, {@code kill -9}): nobody else will stop them, so the
     * owner does, at once. Returns what every later request fails with: the death and what was reaped.
     */
    static String reapInPlaceOf(Process supervisor, Path ledgerDirectory, Path logFile, List<TreeRecord> orphaned) {
        int pid = (int) supervisor.pid();
        List<StopReport> reports = new OrphanedTrees(Backend.current().inspector())
                .stopAll(
                        orphaned,
                        LedgerMembers.of(ledgerDirectory, pid),
                        LedgerMembers.unclaimed(ledgerDirectory, pid),
                        pid);
        String reaped = reports.stream()
                .map(r -> "'" + r.fixture() + "': " + r.summary())
                .collect(Collectors.joining("; "));
        return "The Tether supervisor (pid " + pid + ") died unexpectedly (" + SupervisorLog.exitOf(supervisor)
                + "; its log is " + logFile + "). Tether stopped its " + orphaned.size() + " running "
                + (orphaned.size() == 1 ? "tree" : "trees") + " itself: " + reaped
                + ". Something outside Tether killed it (the OOM killer? check dmesg), or it crashed: see its log.";
    }
}
