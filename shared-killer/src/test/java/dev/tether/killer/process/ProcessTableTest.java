package dev.tether.killer.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProcessTableTest {
    static ProcessInfo row(int pid, int ppid, int pgid, long start) {
        return new ProcessInfo(pid, ppid, pgid, pgid, start, 'S', "p" + pid);
    }

    static ProcessInfo zombie(int pid, int ppid, int pgid, long start) {
        return new ProcessInfo(pid, ppid, pgid, pgid, start, 'Z', "p" + pid);
    }

    static Set<Integer> pids(Set<ProcessInfo> rows) {
        return rows.stream().map(ProcessInfo::pid).collect(Collectors.toSet());
    }

    @Test
    void descendantsAreFoundBreadthFirstThroughEveryLevel() {
        ProcessTable table = new ProcessTable(List.of(
                row(1, 0, 1, 0),
                row(100, 1, 100, 10),
                row(101, 100, 100, 11),
                row(102, 101, 100, 12),
                row(103, 102, 103, 13),
                row(200, 1, 200, 20)));
        assertEquals(Set.of(100, 101, 102, 103), pids(table.withDescendants(List.of(100))));
        assertEquals(Set.of(), pids(table.withDescendants(List.of(999))));
    }

    @Test
    void aliveMeansSamePidSameStartTimeAndNotAZombie() {
        ProcessTable table = new ProcessTable(List.of(row(100, 1, 100, 10), zombie(101, 100, 100, 11)));
        assertTrue(table.isAlive(new ProcessId(100, 10)));
        assertFalse(table.isAlive(new ProcessId(100, 99)), "a reused pid is not the process we knew");
        assertFalse(table.isAlive(new ProcessId(101, 11)), "a zombie counts as dead");
        assertFalse(table.isAlive(new ProcessId(102, 12)));
    }

    @Test
    void parsesStatWithSpacesAndParenthesesInTheName() {
        ProcessInfo info = LinuxProcInspector.parseStat(
                "4242 (my (odd) name) S 4200 4242 4100 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 987654 0 0");
        assertEquals(new ProcessInfo(4242, 4200, 4242, 4100, 987654, 'S', "my (odd) name"), info);
    }

    @Test
    void readsThisJvmFromProc() {
        LinuxProcInspector proc = new LinuxProcInspector();
        int self = (int) ProcessHandle.current().pid();
        Optional<ProcessInfo> me = proc.process(self);
        assertTrue(me.isPresent());
        assertEquals(
                (int) ProcessHandle.current().parent().orElseThrow().pid(),
                me.get().ppid());
        assertTrue(proc.snapshot().get(self).isPresent());
        assertTrue(proc.commandLine(self).contains("java"), proc.commandLine(self));
    }
}
