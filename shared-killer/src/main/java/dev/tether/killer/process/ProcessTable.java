package dev.tether.killer.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An immutable snapshot of the process table, and the pure tree logic over it. */
public final class ProcessTable {
    private final Map<Integer, ProcessInfo> byPid;
    private final Map<Integer, List<ProcessInfo>> childrenByPpid;

    public ProcessTable(Collection<ProcessInfo> processes) {
        Map<Integer, ProcessInfo> rows = new HashMap<>();
        Map<Integer, List<ProcessInfo>> children = new HashMap<>();
        for (ProcessInfo process : processes) {
            rows.put(process.pid(), process);
            children.computeIfAbsent(process.ppid(), k -> new ArrayList<>()).add(process);
        }
        this.byPid = Collections.unmodifiableMap(rows);
        this.childrenByPpid = children;
    }

    public Optional<ProcessInfo> get(int pid) {
        return Optional.ofNullable(byPid.get(pid));
    }

    public Collection<ProcessInfo> all() {
        return byPid.values();
    }

    /** True if this exact process (pid and start time) is in the table and not a zombie. */
    public boolean isAlive(ProcessId id) {
        ProcessInfo row = byPid.get(id.pid());
        return row != null && row.startTime() == id.startTime() && !row.isDead();
    }

    /** The given roots (those present) and every process below them by parent pid, breadth first. */
    public Set<ProcessInfo> withDescendants(Collection<Integer> rootPids) {
        Set<ProcessInfo> found = new LinkedHashSet<>();
        Deque<Integer> queue = new ArrayDeque<>();
        for (int root : rootPids) {
            ProcessInfo row = byPid.get(root);
            if (row != null && found.add(row)) {
                queue.add(root);
            }
        }
        while (!queue.isEmpty()) {
            for (ProcessInfo child : childrenByPpid.getOrDefault(queue.poll(), List.of())) {
                if (found.add(child)) {
                    queue.add(child.pid());
                }
            }
        }
        return found;
    }

    /** The direct children of a process. */
    public List<ProcessInfo> childrenOf(int pid) {
        return childrenByPpid.getOrDefault(pid, List.of());
    }

    public int size() {
        return byPid.size();
    }
}
