package dev.tether.killer.supervisor;

import dev.tether.killer.Signal;
import dev.tether.killer.internal.posix.NativePosix;
import dev.tether.killer.stop.Escalation;
import dev.tether.killer.stop.StopPolicy;
import dev.tether.killer.stop.StopReport;
import dev.tether.killer.tree.ProcessId;
import dev.tether.killer.tree.ProcessInspector;
import dev.tether.killer.tree.ProcessTable;
import dev.tether.killer.tree.TreeMembership;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reaps what a crashed build left: trees listed in ledgers whose supervisor and owner are both gone. Runs in
 * the background of a new supervisor so it never delays the build that starts it.
 */
final class LedgerSweeper {
    /** Leftovers get a short chance to exit cleanly (flush, remove pid files) and are then killed. */
    static final StopPolicy SWEEP_POLICY = StopPolicy.gracefulThenKill(Signal.TERM, Duration.ofSeconds(2));

    private final Path directory;
    private final ProcessInspector inspector;
    private final NativePosix posix;
    private final Optional<Cgroups> cgroups;
    private final OwnerChannel owner;
    private final ProcessId self;

    LedgerSweeper(
            Path directory,
            ProcessInspector inspector,
            NativePosix posix,
            Optional<Cgroups> cgroups,
            OwnerChannel owner,
            ProcessId self) {
        this.directory = directory;
        this.inspector = inspector;
        this.posix = posix;
        this.cgroups = cgroups;
        this.owner = owner;
        this.self = self;
    }

    List<StopReport> sweep() throws InterruptedException {
        List<StopReport> reports = new ArrayList<>();
        ProcessTable table = inspector.snapshot();
        for (Ledger.Record record : Ledger.readAll(directory)) {
            if (record.supervisor().equals(self)
                    || table.isAlive(record.supervisor())
                    || table.isAlive(record.owner())) {
                continue;
            }
            for (Ledger.Entry entry : record.entries()) {
                TreeMembership membership = new TreeMembership(entry.leader(), entry.cookie(), entry.members());
                SupervisedTree tree = new SupervisedTree(
                        membership,
                        entry.cgroup(),
                        cgroups,
                        inspector,
                        posix,
                        Set.of(self.pid()),
                        member -> "unknown (not our child)");
                StopReport report = Escalation.realTime(SWEEP_POLICY).run(entry.key(), tree);
                entry.cgroup().ifPresent(Cgroups::remove);
                if (!report.ended().isEmpty() || !report.isClean()) {
                    owner.notice("Reaped leftovers of a crashed build (supervisor pid "
                            + record.supervisor().pid()
                            + ", owner pid " + record.owner().pid() + "): " + report.summary() + " ["
                            + report.ended().stream()
                                    .map(o -> o.pid() + " " + o.command())
                                    .toList() + "]");
                }
                reports.add(report);
            }
            record.file().toFile().delete();
        }
        cgroups.ifPresent(c -> c.removeStale(table));
        return reports;
    }
}
