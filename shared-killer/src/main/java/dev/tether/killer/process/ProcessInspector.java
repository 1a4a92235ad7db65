package dev.tether.killer.process;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads the operating system's process table. The only part of tree discovery that touches the OS; which one
 * serves a JVM is the platform backend's choice ({@code dev.tether.killer.platform.Backend}).
 */
public interface ProcessInspector {
    ProcessTable snapshot();

    /** One process, if it exists (zombies included). */
    Optional<ProcessInfo> process(int pid);

    /** One process's identity (pid and start time), if it exists: cheaper than its full row on some backends. */
    default Optional<ProcessId> identity(int pid) {
        return process(pid).map(ProcessInfo::id);
    }

    /** A lower bound for the start time of any process started from now on, in this inspector's units. */
    long startTimeFloor();

    /** An upper bound for the start time of any process started before now, in this inspector's units. */
    default long startTimeCeiling() {
        return startTimeFloor() + 2; // clock ticks: the floor is one tick below now
    }

    /** The value of one environment variable of a process, if it can be read (own user, Linux). */
    Optional<String> environmentVariable(int pid, String name);

    /** The full command line, or the short name in brackets when the process has none (zombie, kernel). */
    String commandLine(int pid);

    /**
     * The direct children of a process's main thread, cheaply (Linux: one read of /proc/PID/task/PID/children),
     * or empty where this inspector cannot list them without a full snapshot. Every orphan a subreaper adopts
     * becomes a child of its main thread (the kernel picks the first live thread of the group), so this shows
     * every adoption; children forked by other threads are not listed.
     */
    default Optional<Set<Integer>> childrenOfMainThread(int pid) {
        return Optional.empty();
    }

    /**
     * Every child of {@code pid}, whichever of its threads forked it (Linux: each thread's children list), or
     * empty where it cannot be read: the caller then reads the whole table instead.
     */
    default Optional<Set<Integer>> children(int pid) {
        return Optional.empty();
    }

    /**
     * The pid most recently handed out in this pid namespace (Linux: the last field of /proc/loadavg), or empty
     * where it cannot be read cheaply. Unchanged between two reads means no process was created in between: a
     * periodic look at the trees can then be skipped, since every process alive was already seen.
     */
    default OptionalInt lastPid() {
        return OptionalInt.empty();
    }

    /** The owning user's numeric id, or -1 if unknown. */
    int uid(int pid);

    /**
     * True while this exact process (pid and start time) runs and is not a zombie: read right before a signal,
     * so a pid that was reused since the last snapshot is never signalled.
     */
    default boolean isRunning(ProcessId id) {
        return process(id.pid())
                .filter(p -> p.startTime() == id.startTime() && !p.isDead())
                .isPresent();
    }
}
