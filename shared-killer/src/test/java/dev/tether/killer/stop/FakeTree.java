package dev.tether.killer.stop;

import dev.tether.killer.process.Delivery;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.Signal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A made-up tree on a made-up clock: each process dies a set time after a signal it honours, or never. Lets
 * the escalation be tested exactly, with no real process and no real time.
 */
final class FakeTree implements StopTarget {
    /** How a fake process reacts to signals. */
    record Behaviour(Map<Signal, Long> diesAfterNanos, boolean denied) {}

    final FakeClock clock = new FakeClock();
    private final Map<Integer, ProcessInfo> rows = new LinkedHashMap<>();
    private final Map<Integer, Behaviour> behaviour = new HashMap<>();
    private final Map<Integer, Long> deathAt = new HashMap<>();
    private final Map<Integer, Long> birthAt = new HashMap<>();
    /** Stopped processes (SIGSTOP) and the signals pending on each until it is continued. */
    private final Map<Integer, List<Signal>> stopped = new HashMap<>();

    final List<String> log = new ArrayList<>();
    int killAllCalls;

    FakeTree add(int pid, Behaviour how) {
        return addAt(pid, how, 0);
    }

    /** A process that appears only at {@code bornAtNanos}, e.g. a child forked during the stop. */
    FakeTree addAt(int pid, Behaviour how, long bornAtNanos) {
        rows.put(pid, new ProcessInfo(pid, 1, 1, 1, 1000 + pid, 'S', "p" + pid));
        behaviour.put(pid, how);
        birthAt.put(pid, bornAtNanos);
        return this;
    }

    /** Stops a process, as SIGSTOP does: it acts on no signal but KILL until {@link #resume} continues it. */
    FakeTree stop(int pid) {
        stopped.put(pid, new ArrayList<>());
        return this;
    }

    static Behaviour honours(Signal signal, long afterNanos) {
        return new Behaviour(Map.of(signal, afterNanos, Signal.KILL, 0L), false);
    }

    static Behaviour ignoresAllButKill() {
        return new Behaviour(Map.of(Signal.KILL, 0L), false);
    }

    static Behaviour immortal() {
        return new Behaviour(Map.of(), false);
    }

    static Behaviour otherUsers() {
        return new Behaviour(Map.of(), true);
    }

    @Override
    public Collection<ProcessInfo> aliveMembers() {
        List<ProcessInfo> alive = new ArrayList<>();
        for (ProcessInfo row : rows.values()) {
            boolean born = clock.now >= birthAt.get(row.pid());
            Long death = deathAt.get(row.pid());
            if (born && (death == null || clock.now < death)) {
                alive.add(row);
            }
        }
        return alive;
    }

    @Override
    public Delivery signal(ProcessInfo member, Signal signal) {
        log.add(signal + "->" + member.pid() + "@" + clock.now / 1_000_000 + "ms");
        Behaviour how = behaviour.get(member.pid());
        if (how.denied()) {
            return Delivery.DENIED;
        }
        if (stopped.containsKey(member.pid()) && signal != Signal.KILL) {
            stopped.get(member.pid()).add(signal);
        } else {
            act(member.pid(), signal);
        }
        return Delivery.SENT;
    }

    @Override
    public void resume(ProcessInfo member) {
        log.add("CONT->" + member.pid() + "@" + clock.now / 1_000_000 + "ms");
        List<Signal> pending = stopped.remove(member.pid());
        if (pending != null) {
            pending.forEach(signal -> act(member.pid(), signal));
        }
    }

    private void act(int pid, Signal signal) {
        Long after = behaviour.get(pid).diesAfterNanos().get(signal);
        if (after != null) {
            deathAt.merge(pid, clock.now + after, Math::min);
        }
    }

    @Override
    public void killAll() {
        killAllCalls++;
    }

    @Override
    public String describe(ProcessInfo member) {
        return "cmd-" + member.pid();
    }

    @Override
    public String ownerOf(ProcessInfo member) {
        return "uid 1234";
    }

    /** Time moves only when the escalation sleeps. */
    static final class FakeClock {
        long now;

        long nanoTime() {
            return now;
        }

        void sleep(long nanos) {
            now += nanos;
        }
    }
}
