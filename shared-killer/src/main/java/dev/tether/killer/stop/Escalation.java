package dev.tether.killer.stop;

import dev.tether.killer.process.Delivery;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Applies a {@link StopPolicy} to a tree: each step signals every live member (including members born during
 * the stop), waits for the tree to die within the step's grace, and moves on; after the last step whatever is
 * still alive is a {@link Survivor}. Pure policy: the OS is reached only through {@link StopTarget}, time only
 * through the ticker and sleeper, so tests drive it with made-up tables.
 */
public final class Escalation {
    /** Polls start this fast so a cooperative tree is noticed dead within a millisecond or two... */
    private static final long FIRST_POLL_NANOS = 500_000;
    /** ...and back off to this, which bounds the cost of a long grace. */
    private static final long MAX_POLL_NANOS = 20_000_000;

    /** Waits; the real one is Thread.sleep, a test's advances its clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final StopPolicy policy;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;

    public Escalation(StopPolicy policy, LongSupplier nanoTime, Sleeper sleeper) {
        this.policy = policy;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    public static Escalation realTime(StopPolicy policy) {
        return new Escalation(
                policy, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    public StopReport run(String fixture, StopTarget target) throws InterruptedException {
        return run(fixture, target, Set.of());
    }

    /**
     * As {@link #run(String, StopTarget)}, for a tree whose members {@code sentFirstSignal} were sent the first
     * step's signal a moment ago: they are not sent it again. A second SIGINT tells some programs (docker compose,
     * for one) to skip their graceful shutdown.
     */
    public StopReport run(String fixture, StopTarget target, Set<ProcessId> sentFirstSignal)
            throws InterruptedException {
        long start = nanoTime.getAsLong();
        Map<ProcessId, ProcessInfo> alive = index(target.aliveMembers());
        Map<ProcessId, String> commands = new HashMap<>();
        Set<ProcessId> denied = new HashSet<>();
        List<ProcessOutcome> ended = new ArrayList<>();
        remember(alive.values(), commands, target);

        List<StopStep> steps = policy.steps();
        for (int index = 0; index < steps.size() && !alive.isEmpty(); index++) {
            StopStep step = steps.get(index);
            long stepDeadline = nanoTime.getAsLong() + step.grace().toNanos();
            Set<ProcessId> signalled = new HashSet<>(index == 0 ? sentFirstSignal : Set.of());
            if (step.signal() == Signal.KILL) {
                target.killAll();
            }
            long pause = FIRST_POLL_NANOS;
            while (true) {
                for (ProcessInfo member : alive.values()) {
                    if (signalled.add(member.id())) {
                        signal(target, member, step.signal(), denied);
                    }
                }
                long remaining = stepDeadline - nanoTime.getAsLong();
                if (remaining <= 0) {
                    break;
                }
                // woken the moment the last of them exits where the OS can say so (pidfds), else a plain pause
                if (!target.awaitExitOfAll(alive.values(), Math.min(pause, remaining))) {
                    sleeper.sleepNanos(Math.min(pause, remaining));
                }
                pause = Math.min(pause * 2, MAX_POLL_NANOS);
                Map<ProcessId, ProcessInfo> now = index(target.aliveMembers());
                remember(now.values(), commands, target);
                Duration after = Duration.ofNanos(nanoTime.getAsLong() - start);
                for (ProcessInfo gone : alive.values()) {
                    if (!now.containsKey(gone.id())) {
                        ended.add(new ProcessOutcome(
                                gone.pid(),
                                commands.get(gone.id()),
                                step.signal(),
                                index + 1,
                                after,
                                target.exitOf(gone)));
                    }
                }
                alive = now;
                if (alive.isEmpty()) {
                    break;
                }
            }
        }

        List<Survivor> survivors = new ArrayList<>();
        for (ProcessInfo survivor : alive.values()) {
            survivors.add(
                    new Survivor(survivor.pid(), commands.get(survivor.id()), whyAlive(survivor, denied, target)));
        }
        return new StopReport(fixture, ended, survivors, Duration.ofNanos(nanoTime.getAsLong() - start));
    }

    /** Signals one member; after a catchable signal it is continued too, as systemd does, in case it is stopped. */
    private static void signal(StopTarget target, ProcessInfo member, Signal signal, Set<ProcessId> denied) {
        Delivery delivery = target.signal(member, signal);
        if (delivery == Delivery.DENIED) {
            denied.add(member.id());
        } else if (delivery == Delivery.SENT && signal != Signal.KILL) {
            target.resume(member);
        }
    }

    private static String whyAlive(ProcessInfo survivor, Set<ProcessId> denied, StopTarget target) {
        if (denied.contains(survivor.id())) {
            return "EPERM: it belongs to " + target.ownerOf(survivor)
                    + " and cannot be signalled; run the build as that user or stop it by hand";
        }
        if (survivor.state() == 'D') {
            return "in uninterruptible sleep (state D), usually blocked on a disk or network file system;"
                    + " it dies when that I/O returns";
        }
        return "still alive after KILL (state " + survivor.state() + ")";
    }

    private static Map<ProcessId, ProcessInfo> index(Collection<ProcessInfo> members) {
        Map<ProcessId, ProcessInfo> byId = new LinkedHashMap<>();
        for (ProcessInfo member : members) {
            if (!member.isDead()) {
                byId.put(member.id(), member);
            }
        }
        return byId;
    }

    private static void remember(Collection<ProcessInfo> members, Map<ProcessId, String> commands, StopTarget target) {
        for (ProcessInfo member : members) {
            commands.computeIfAbsent(member.id(), id -> target.describe(member));
        }
    }
}
