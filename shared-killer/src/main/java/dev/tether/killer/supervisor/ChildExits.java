package dev.tether.killer.supervisor;

import dev.tether.killer.internal.posix.ChildExit;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.Signal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Recent exits of the supervisor's children, so stop reports can say how each process ended. */
final class ChildExits {
    private static final long KEEP_NANOS = 120_000_000_000L;

    record Recorded(ChildExit exit, long atNanos) {}

    private final Map<Integer, Recorded> byPid = new ConcurrentHashMap<>();

    synchronized void record(ChildExit exit) {
        long now = System.nanoTime();
        byPid.values().removeIf(r -> now - r.atNanos() > KEEP_NANOS);
        byPid.put(exit.pid(), new Recorded(exit, now));
        notifyAll();
    }

    /** How a member ended: the supervisor's own children are reaped by it, others by their own parent. */
    String describeMember(ProcessInfo member, int supervisorPid) {
        return member.ppid() == supervisorPid ? describeChild(member.pid(), 200) : describe(member.pid());
    }

    /**
     * How a child of the supervisor ended. A child seen as a zombie may not be reaped yet (the reaper thread is
     * about to), so this waits for it a little.
     */
    synchronized String describeChild(int pid, long patienceMillis) {
        long deadline = System.nanoTime() + patienceMillis * 1_000_000;
        while (!byPid.containsKey(pid)) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return describe(pid);
    }

    /** The exit of {@code pid} if it was reaped at or after {@code sinceNanos}. */
    Optional<ChildExit> since(int pid, long sinceNanos) {
        Recorded recorded = byPid.get(pid);
        return recorded != null && recorded.atNanos() - sinceNanos >= 0
                ? Optional.of(recorded.exit())
                : Optional.empty();
    }

    String describe(int pid) {
        Recorded recorded = byPid.get(pid);
        return recorded == null ? "unknown (reaped by its own parent)" : describe(recorded.exit());
    }

    static String describe(ChildExit exit) {
        if (exit.exitedNormally()) {
            return "exit " + exit.exitCode();
        }
        try {
            return "killed by " + Signal.ofNumber(exit.terminatingSignal());
        } catch (IllegalArgumentException e) {
            return "killed by signal " + exit.terminatingSignal();
        }
    }
}
