package dev.tether.killer.stop;

import dev.tether.killer.process.Delivery;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.Signal;
import java.util.Collection;

/**
 * The tree an escalation works on. The supervisor implements it over /proc and kill(2); tests implement it
 * over a made-up table.
 */
public interface StopTarget {
    /** A fresh look at the tree: every member that is not yet dead (zombies are dead). */
    Collection<ProcessInfo> aliveMembers();

    /** How a signal to one member went. */
    Delivery signal(ProcessInfo member, Signal signal);

    /**
     * Continues a member that may be stopped (SIGSTOP, Ctrl-Z, a test that froze its server), right after it was
     * sent a step's signal: a stopped process keeps that signal pending until continued, so it would sit out the
     * whole grace and die by KILL instead of shutting down. Where the OS has no such call, nothing happens.
     */
    default void resume(ProcessInfo member) {}

    /**
     * Waits up to {@code nanos} for every one of {@code members} to exit, returning as soon as they all have.
     *
     * @return false where that cannot be waited for (the caller then sleeps the time)
     */
    default boolean awaitExitOfAll(Collection<ProcessInfo> members, long nanos) throws InterruptedException {
        return false;
    }

    /** Called once when the KILL step starts, for an atomic whole-tree kill where the OS has one (cgroup.kill). */
    default void killAll() {}

    /** The full command line, read while the process is alive. */
    String describe(ProcessInfo member);

    /** How a process that died ended, if its parent (the supervisor) reaped it: "exit 0", "killed by TERM". */
    default String exitOf(ProcessInfo member) {
        return "unknown";
    }

    /** Why a survivor could not be ended, beyond what the escalation saw (e.g. its owner's uid). */
    default String ownerOf(ProcessInfo member) {
        return "another user";
    }
}
