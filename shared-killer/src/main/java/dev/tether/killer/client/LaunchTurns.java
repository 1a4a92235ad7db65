package dev.tether.killer.client;

import dev.tether.killer.FixtureStartException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Who may launch while a daemonizing fixture starts. A daemon that left its group and environment is attributed by
 * what else was launched while its launcher ran:
 *
 * <ul>
 *   <li>without cgroups, two daemons adopted in the same moment by one supervisor could not be told apart (see
 *       Adoptions), so the daemonizing starts of one supervisor take turns;
 *   <li>without a subreaper (the portable and macOS backends) the daemon goes to pid 1, where any fixture another
 *       build of this user was starting at the time could have made it, and it is left running. So a daemonizing
 *       start holds the user-wide {@link UserLaunchLock} exclusive until its launcher exited (or it is ready), a
 *       fixture's start holds it shared until ready, and every other spawn for its fork.
 * </ul>
 *
 * With cgroups and a subreaper each daemon is born in its fixture's cgroup, and daemonizing starts run in parallel.
 */
public final class LaunchTurns {
    /**
     * Start times on the portable backend come in 10 ms clock ticks: the lock is kept a tick past the start, so
     * what another build launches next starts in a later tick than anything this start made.
     */
    private static final long CLOCK_TICK_MILLIS = 11;

    private static final long CANCEL_CHECK_MILLIS = 50;
    /**
     * Its own thread, not the common pool: callers may block pool threads (a start run from {@code supplyAsync}
     * waits there until ready), and on two cores that pool may have one thread, so a release queued there could
     * wait for the very start that holds the lock, and other builds with it.
     */
    private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "tether-launch-lock");
        thread.setDaemon(true);
        return thread;
    });

    /** A wait for another build longer than this is said, so that a build never seems to hang. */
    private static final Duration SAY_WAITING_AFTER = Duration.ofSeconds(2);

    private final ProcessSupervisor supervisor;
    private final UserLaunchLock users;
    private final Consumer<String> say;
    private final Semaphore ownTurn = new Semaphore(1, true);
    /** The lock's holds of trees whose start is not over yet, by key. */
    private final Map<String, Runnable> starting = new ConcurrentHashMap<>();

    /** @param say where a notice goes (the build's output, as the supervisor's notices do) */
    LaunchTurns(ProcessSupervisor supervisor, UserLaunchLock users, Consumer<String> say) {
        this.supervisor = supervisor;
        this.users = users;
        this.say = say;
    }

    /**
     * One spawn request, sent while no other build's daemonizing start runs. A supervisor that is the subreaper
     * makes no orphan of pid 1 (its trees' orphans are its own), so its spawns need no lock. With {@code untilReady}
     * the hold lasts until {@link #startIsOver} (the tree's start is over: other builds' daemonizing starts wait
     * for it, see UserLaunchLock).
     */
    <T> T spawning(String key, boolean untilReady, Supplier<T> spawn) {
        if (supervisor.hello().subreaper()) {
            return spawn.get();
        }
        Runnable release = untilReady
                ? users.forStart(supervisor, SAY_WAITING_AFTER, () -> sayWaiting(key))
                : users.forSpawn(supervisor, SAY_WAITING_AFTER, () -> sayWaiting(key));
        boolean spawned = false;
        try {
            T tree = spawn.get();
            spawned = true;
            return tree;
        } finally {
            if (untilReady && spawned) {
                starting.put(key, release);
            } else {
                release.run();
            }
        }
    }

    /**
     * Tree {@code key}'s start is over and the supervisor's ledger says so: other builds may launch a daemonizing
     * fixture a clock tick later (what they launch then starts in a later tick than anything its start made).
     */
    void startIsOver(String key) {
        Runnable release = starting.remove(key);
        if (release != null) {
            LATER.schedule(release, CLOCK_TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** The supervisor is gone: none of its starts holds other builds up any longer. */
    void releaseAll() {
        List.copyOf(starting.keySet()).forEach(key -> {
            Runnable release = starting.remove(key);
            if (release != null) {
                release.run();
            }
        });
    }

    /**
     * Runs the start of daemonizing fixture {@code id} (its spawn and its wait until ready) in its turn. The start
     * is given a callback for its launcher's exit: the stretch a daemon is judged by ends there, so the user-wide
     * lock is let go a clock tick later, and other builds need not wait for the readiness too. A fixture found ready
     * while its launcher still runs keeps the lock until that exit, at most {@code holdAtMost} from its start: its
     * daemon may already be pid 1's and not yet judged, and a launch of another build meanwhile names a floor of
     * its start time that lies before the daemon's, so it counts as a rival and the daemon is left running (seen on
     * a loaded machine: a log probe saw the launcher's last line before the launcher was reaped). A fixture waiting
     * for its turn notices a sibling's failure ({@code cancelled}) within 50 ms.
     *
     * @throws FixtureStartException (reason CANCELLED) when a sibling failed, or the thread was interrupted, first
     */
    public <T> T daemonizing(String id, Duration holdAtMost, BooleanSupplier cancelled, Function<Runnable, T> start) {
        boolean turns = !supervisor.attributesByCgroup();
        boolean userWide = !supervisor.hello().subreaper();
        if (!turns && !userWide) {
            return start.apply(() -> {});
        }
        takeOwnTurn(id, cancelled);
        try {
            if (!userWide) {
                return start.apply(() -> {});
            }
            Runnable lock = users.forDaemonizingStart(
                            supervisor, cancelled, SAY_WAITING_AFTER, () -> sayWaitingToDaemonize(id))
                    .orElseThrow(() -> notStarted(id));
            // Another build's start may have ended in this very clock tick: its holds end a tick later, but the
            // OS drops those of a JVM that dies at once (seen: a test fork SIGKILLed right after its server was
            // ready). A tick's wait keeps this launch in a later tick than anything that start made.
            pastTheClockTick();
            AtomicBoolean released = new AtomicBoolean();
            Runnable release = () -> {
                if (released.compareAndSet(false, true)) {
                    lock.run();
                }
            };
            long heldSince = System.nanoTime();
            boolean ready = false;
            try {
                T started = start.apply(() -> LATER.schedule(release, CLOCK_TICK_MILLIS, TimeUnit.MILLISECONDS));
                ready = true;
                return started;
            } finally {
                if (ready) {
                    long left = holdAtMost.toNanos() - (System.nanoTime() - heldSince);
                    LATER.schedule(release, Math.max(left, 0), TimeUnit.NANOSECONDS);
                } else if (!released.get()) {
                    pastTheClockTick(); // a failed start: its stop judges what the launcher left
                    release.run();
                }
            }
        } finally {
            ownTurn.release();
        }
    }

    private void sayWaitingToDaemonize(String key) {
        say.accept("Waiting to launch daemonizing fixture '" + key + "': another build of this user is starting"
                + " fixtures (or a daemonizing fixture's launcher still runs after it was found ready), and a daemon"
                + " made meanwhile could not be told apart from theirs (the launch lock " + users.file() + "). It"
                + " waits until their starts are over, at most their start timeouts.");
    }

    private void sayWaiting(String key) {
        say.accept("Waiting to launch '" + key + "': another build of this user is launching a daemonizing fixture"
                + " or waits to, and a daemon made meanwhile could not be told apart (the launch lock " + users.file()
                + ")."
                + " It is held until that launcher exits, at most that fixture's start timeout.");
    }

    private void takeOwnTurn(String id, BooleanSupplier cancelled) {
        try {
            while (!ownTurn.tryAcquire(CANCEL_CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                if (cancelled.getAsBoolean()) {
                    throw notStarted(id);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notStarted(id);
        }
    }

    private static void pastTheClockTick() {
        try {
            TimeUnit.MILLISECONDS.sleep(CLOCK_TICK_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // released at once: at worst the next launch shares a tick
        }
    }

    private static FixtureStartException notStarted(String id) {
        String why = Thread.currentThread().isInterrupted() ? "interrupted" : "not started";
        return new FixtureStartException(id, FixtureStartException.Reason.CANCELLED, why);
    }
}
