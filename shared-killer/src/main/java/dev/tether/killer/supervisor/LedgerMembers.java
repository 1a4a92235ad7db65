package dev.tether.killer.supervisor;

import dev.tether.killer.process.ProcessId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the owner may read of a supervisor's evidence to finish the job when that supervisor died: the members
 * its ledger records per tree, and the processes in a fixture's cgroup.
 */
public final class LedgerMembers {
    private LedgerMembers() {}

    /** Tree id to every member recorded (pid and start time); empty when the ledger is missing or malformed. */
    public static Map<String, List<ProcessId>> of(Path ledgerDirectory, int supervisorPid) {
        Map<String, List<ProcessId>> members = new HashMap<>();
        try {
            Ledger.Record record = Ledger.read(ledgerDirectory.resolve("supervisor-" + supervisorPid + ".ledger"));
            record.entries().forEach(entry -> members.put(entry.key(), entry.members()));
        } catch (IOException | Ledger.MalformedLedgerException e) {
            // the owner still knows each leader, group, cookie and cgroup
        }
        return members;
    }

    /** The orphans the supervisor adopted but could not give to a tree; empty when the ledger is unreadable. */
    public static List<ProcessId> unclaimed(Path ledgerDirectory, int supervisorPid) {
        try {
            return Ledger.read(ledgerDirectory.resolve("supervisor-" + supervisorPid + ".ledger"))
                    .unclaimed();
        } catch (IOException | Ledger.MalformedLedgerException e) {
            return List.of();
        }
    }

    /** The pids in a cgroup's cgroup.procs; empty when it is gone or unreadable (no evidence from it). */
    public static Set<Integer> pidsInCgroup(Path cgroup) {
        return readPidsInCgroup(cgroup).orElse(Set.of());
    }

    /** The pids in a cgroup's cgroup.procs, or empty when it is gone or unreadable: then nothing is known. */
    static Optional<Set<Integer>> readPidsInCgroup(Path cgroup) {
        Set<Integer> pids = new HashSet<>();
        try {
            for (String line : Files.readAllLines(cgroup.resolve("cgroup.procs"))) {
                if (!line.isBlank()) {
                    pids.add(Integer.parseInt(line.trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(pids);
    }
}
