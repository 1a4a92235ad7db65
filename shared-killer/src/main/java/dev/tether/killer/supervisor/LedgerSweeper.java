package dev.tether.killer.supervisor;

import dev.tether.killer.internal.posix.NativePosix;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInspector;
import dev.tether.killer.process.ProcessTable;
import dev.tether.killer.process.Signal;
import dev.tether.killer.process.TreeMembership;
import dev.tether.killer.stop.Escalation;
import dev.tether.killer.stop.StopPolicy;
import dev.tether.killer.stop.StopReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reaps what a crashed build left: trees listed in ledgers whose supervisor and owner are both gone. Runs in
 * the background of a new supervisor so it never delays the build that starts it.
 */
final class LedgerSweeper {
    /** Leftovers get a short chance to exit cleanly (flush, remove pid files) and are then killed. */
    static final StopPolicy SWEEP_POLICY = StopPolicy.gracefulThenKill(Signal.TERM, Duration.ofSeconds(2));

    private final Path directory;
    private final String backend;
    private final ProcessInspector inspector;
    private final NativePosix posix;
    private final Optional<Cgroups> cgroups;
    private final OwnerChannel owner;
    private final ProcessId self;

    LedgerSweeper(
            Path directory,
            String backend,
            ProcessInspector inspector,
            NativePosix posix,
            Optional<Cgroups> cgroups,
            OwnerChannel owner,
            ProcessId self) {
        this.directory = directory;
        this.backend = backend;
        this.inspector = inspector;
        this.posix = posix;
        this.cgroups = cgroups;
        this.owner = owner;
        this.self = self;
    }

    List<StopReport> sweep() throws InterruptedException {
        List<StopReport> reports = new ArrayList<>();
        Ledger.Reading reading = Ledger.readAll(directory);
        for (Ledger.MalformedLedgerException rejected : reading.rejected()) {
            Path aside = Ledger.setAside(rejected.file());
            owner.notice("Ignored a ledger that does not parse (" + rejected.getMessage() + "); nothing it names was"
                    + " signalled. It was kept as " + aside + " for a look; delete it when done.");
        }
        ProcessTable table = inspector.snapshot();
        for (Ledger.Record record : reading.records()) {
            // Another backend's start times are in other units: its identities cannot be checked here. A build
            // of its own backend sweeps it.
            if (record.supervisor().equals(self)
                    || !record.backend().equals(backend)
                    || table.isAlive(record.supervisor())
                    || table.isAlive(record.owner())) {
                continue;
            }
            List<String> reaped = new ArrayList<>();
            for (Ledger.Entry entry : record.entries()) {
                StopReport report = stop(
                        entry.key(),
                        new TreeMembership(entry.leader(), entry.cookie(), entry.members()),
                        entry.cgroup());
                entry.cgroup().ifPresent(Cgroups::remove);
                describe(entry.key(), report).ifPresent(reaped::add);
                reports.add(report);
            }
            for (ProcessId orphan : record.unclaimed()) {
                if (table.isAlive(orphan)) {
                    StopReport report =
                            stop("unclaimed " + orphan.pid(), TreeMembership.ofOneProcess(orphan), Optional.empty());
                    describe("an unclaimed daemon", report).ifPresent(reaped::add);
                    reports.add(report);
                }
            }
            if (!reaped.isEmpty()) {
                owner.notice("Reaped leftovers of a crashed build (ledger " + record.file() + ", supervisor pid "
                        + record.supervisor().pid() + ", owner pid "
                        + record.owner().pid() + "): "
                        + String.join("; ", reaped));
            }
            try {
                Files.deleteIfExists(record.file());
            } catch (IOException e) {
                owner.notice("cannot remove the swept ledger " + record.file() + ": " + e.getMessage());
            }
        }
        cgroups.ifPresent(c -> c.removeStale(table));
        return reports;
    }

    private StopReport stop(String key, TreeMembership membership, Optional<Path> cgroup) throws InterruptedException {
        SupervisedTree tree = new SupervisedTree(
                membership, cgroup, cgroups, inspector, posix, Set.of(self.pid()), member -> "unknown (not our child)");
        return Escalation.realTime(SWEEP_POLICY).run(key, tree);
    }

    /** One fixture's part of the notice: every process signalled, by pid and command line. */
    private static Optional<String> describe(String key, StopReport report) {
        if (report.ended().isEmpty() && report.isClean()) {
            return Optional.empty();
        }
        return Optional.of("'" + key + "': " + report.summary() + " ["
                + report.ended().stream().map(o -> o.pid() + " " + o.command()).collect(Collectors.joining(", "))
                + "]");
    }
}
