package dev.tether.killer.supervisor;

import dev.tether.killer.tree.ProcessId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The members a supervisor's ledger records per tree, for the owner to finish the job when that supervisor died. */
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
}
