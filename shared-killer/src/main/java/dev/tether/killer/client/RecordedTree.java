package dev.tether.killer.client;

import dev.tether.killer.platform.Backend;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.ProcessInspector;
import dev.tether.killer.process.TreeMembership;
import dev.tether.killer.supervisor.LedgerMembers;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A tree found again from its {@link TreeRecord}, by a process other than its supervisor: the owner after the
 * supervisor died, or {@code tether:status} in another JVM. Membership is decided exactly as the supervisor
 * decides it ({@link TreeMembership}: group, cgroup, cookie, ancestry, and the members the supervisor's ledger
 * recorded, such as a daemon that left its group and environment behind), so both see the same tree.
 * Members are remembered between looks, as in the supervisor.
 */
public final class RecordedTree {
    private final TreeRecord record;
    private final TreeMembership membership;
    private final ProcessInspector inspector;
    private final Set<Integer> excluded;

    RecordedTree(
            TreeRecord record,
            Collection<ProcessId> recordedMembers,
            ProcessInspector inspector,
            Set<Integer> excluded) {
        this.record = record;
        this.membership = new TreeMembership(record.leader(), record.cookie(), recordedMembers);
        this.inspector = inspector;
        this.excluded = excluded;
    }

    /**
     * The tree as this user's supervisors recorded it: the ledger is read only from this user's verified state
     * directory, never from wherever a state file says.
     */
    public static RecordedTree lookUp(TreeRecord record) {
        List<ProcessId> recorded = LedgerMembers.of(ProcessSupervisor.defaultLedgerDirectory(), record.supervisorPid())
                .getOrDefault(record.id(), List.of());
        return new RecordedTree(record, recorded, Backend.current().inspector(), Set.of((int)
                ProcessHandle.current().pid()));
    }

    public TreeRecord record() {
        return record;
    }

    /** A fresh look: every member that is alive (not a zombie), the leader first when it is. */
    public List<ProcessInfo> aliveMembers() {
        Set<Integer> inCgroup = record.cgroup().map(LedgerMembers::pidsInCgroup).orElse(Set.of());
        return membership
                .members(
                        inspector.snapshot(),
                        inCgroup,
                        pid -> inspector.environmentVariable(pid, TreeMembership.COOKIE_VARIABLE),
                        excluded)
                .stream()
                .filter(p -> !p.isDead())
                .toList();
    }
}
