package dev.tether.killer.client;

import dev.tether.killer.SupervisorException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * One user's launches, across builds, on a backend where orphans go to pid 1 (portable, macOS): there a daemon is
 * attributed by the time it appeared, and a fixture of another build that may have forked at that time makes it
 * ambiguous, so it is left running (seen in CI: two Surefire forks on the portable backend). So a daemonizing start
 * holds the file lock {@code launch.lock} in the ledger directory exclusive until its launcher exited (see
 * LaunchTurns), and every other launch holds it shared: a plain spawn for the moment of its fork, a fixture's start
 * until its owner found it ready. Whatever another build launched is then ready (its ledger says so) or launched
 * later, and no rival of the daemon.
 *
 * <p>Builds that start fixtures one after another could hold the lock shared without a gap, so a build waiting to
 * daemonize first holds {@code launch.intent} exclusive, and new holds of other builds wait while anyone does.
 *
 * <p>This class shares the JVM's locks among its threads: while the JVM holds the lock exclusive for a daemonizing
 * start, that start's own supervisor may still spawn (its other fixtures are its own rivals, see
 * UndecidedOrphans), nobody else in the JVM may; and its own supervisor's starts do not hold it up. Waits poll
 * {@code tryLock}, so a daemonizing start notices a sibling's failure while it waits; every hold is bounded by its
 * holder's start timeout, and the OS drops the locks of a JVM that dies.
 */
final class UserLaunchLock {
    static final String FILE_NAME = "launch.lock";
    static final String INTENT_FILE_NAME = "launch.intent";
    private static final Map<Path, UserLaunchLock> BY_FILE = new ConcurrentHashMap<>();
    private static final long FIRST_PAUSE_MILLIS = 1;
    private static final long LONGEST_PAUSE_MILLIS = 10;

    private final LockFile launches;
    private final LockFile intent;
    /** The supervisor whose daemonizing start holds the lock exclusive, or null. */
    private Object daemonizingFor;

    private int spawning;
    /** Holds of starts not yet over, by supervisor. */
    private final Map<Object, Integer> starting = new HashMap<>();

    /** Daemonizing starts waiting for the lock, by supervisor. */
    private final Map<Object, Integer> daemonizingWaiters = new HashMap<>();

    private UserLaunchLock(Path file) {
        this.launches = new LockFile(file);
        this.intent = new LockFile(file.resolveSibling(INTENT_FILE_NAME));
    }

    /** The lock of the builds that keep their ledgers in {@code ledgerDirectory}, a private directory. */
    static UserLaunchLock in(Path ledgerDirectory) {
        return BY_FILE.computeIfAbsent(canonical(ledgerDirectory).resolve(FILE_NAME), UserLaunchLock::new);
    }

    /** One spelling per directory (macOS's {@code /var} is a link to {@code /private/var}): one lock per file. */
    private static Path canonical(Path directory) {
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            return directory.toAbsolutePath().normalize();
        }
    }

    Path file() {
        return launches.path();
    }

    /**
     * Held around one spawn of {@code supervisor}'s; waits while another build's daemonizing start runs or waits,
     * and runs {@code sayWaiting} once when that took longer than {@code sayAfter}.
     */
    synchronized Runnable forSpawn(Object supervisor, Duration sayAfter, Runnable sayWaiting) {
        awaitShare(supervisor, true, sayAfter, sayWaiting);
        spawning++;
        return this::spawned;
    }

    /**
     * Like {@link #forSpawn}, held from the spawn until the returned release runs: when the fixture's start is over
     * (it was found ready, failed, exited or is being stopped), as its ledger says by then.
     */
    synchronized Runnable forStart(Object supervisor, Duration sayAfter, Runnable sayWaiting) {
        awaitShare(supervisor, false, sayAfter, sayWaiting);
        starting.merge(supervisor, 1, Integer::sum);
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                started(supervisor);
            }
        };
    }

    /**
     * Waits for a shared hold. A start's hold waits behind a daemonizing start waiting for another supervisor of
     * this JVM or another build (so starts one after another cannot keep it out for good). A spawn's moment does
     * not, once this JVM holds the lock: a start waiting for its readiness command must not wait for the
     * daemonizing start that waits for that very start.
     */
    private void awaitShare(Object supervisor, boolean momentary, Duration sayAfter, Runnable sayWaiting) {
        long pause = FIRST_PAUSE_MILLIS;
        Patience patience = new Patience(sayAfter, sayWaiting);
        while (daemonizingFor != supervisor) {
            if (daemonizingFor == null && (momentary && launches.isHeld() || nobodyElseWaitsToDaemonize(supervisor))) {
                if (launches.isHeld() || launches.tryLock(true)) {
                    return;
                }
            }
            try {
                pause = pause(pause);
                patience.check();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SupervisorException(
                        "Interrupted while waiting for the launch lock " + file()
                                + ", held by another build's daemonizing start; nothing was spawned. If a test"
                                + " timeout interrupted it, allow that test the other build's start time too.",
                        e);
            }
        }
    }

    /** Its own supervisor's waiting daemonizing start does not wait for its starts (they are its own rivals). */
    private boolean nobodyElseWaitsToDaemonize(Object supervisor) {
        return daemonizingWaiters.keySet().stream().allMatch(waiter -> waiter == supervisor)
                && !intent.heldExclusiveElsewhere();
    }

    /**
     * Held by a daemonizing start from its spawn until its launcher exited. Waits until no other build holds the
     * lock (their starts are over) nor another supervisor of this JVM. Empty when {@code cancelled} says so (a
     * sibling failed) or the thread is interrupted before the lock was had. Runs {@code sayWaiting} once when the
     * wait took longer than {@code sayAfter}.
     */
    synchronized Optional<Runnable> forDaemonizingStart(
            Object supervisor, BooleanSupplier cancelled, Duration sayAfter, Runnable sayWaiting) {
        daemonizingWaiters.merge(supervisor, 1, Integer::sum);
        try {
            long pause = FIRST_PAUSE_MILLIS;
            Patience patience = new Patience(sayAfter, sayWaiting);
            while (!cancelled.getAsBoolean()) {
                if (daemonizingFor == null && spawning == 0 && !othersStarting(supervisor) && haveIntent()) {
                    boolean ownStarts = launches.isHeld();
                    if (launches.tryLock(false)) {
                        daemonizingFor = supervisor;
                        return Optional.of(this::daemonized);
                    }
                    if (ownStarts) {
                        launches.tryLock(true); // nobody else takes it exclusive meanwhile: this JVM has the intent
                    }
                }
                try {
                    pause = pause(pause);
                    patience.check();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the caller reports it as a cancelled start
                    break;
                }
            }
            return Optional.empty();
        } finally {
            daemonizingWaiters.computeIfPresent(supervisor, (key, count) -> count == 1 ? null : count - 1);
            if (daemonizingWaiters.isEmpty()) {
                intent.release();
            }
            notifyAll();
        }
    }

    private boolean othersStarting(Object supervisor) {
        return starting.keySet().stream().anyMatch(other -> other != supervisor);
    }

    private boolean haveIntent() {
        return intent.isHeld() || intent.tryLock(false);
    }

    private synchronized void spawned() {
        spawning--;
        releaseWhenUnused();
    }

    private synchronized void started(Object supervisor) {
        starting.computeIfPresent(supervisor, (key, count) -> count == 1 ? null : count - 1);
        releaseWhenUnused();
    }

    /**
     * The daemonizing start is over. Starts of its own supervisor that began meanwhile are not over yet: for them
     * the lock is held shared again. Another build waiting with the intent may take it exclusive in between; those
     * starts then go on without it (at worst that build's daemon is named at its stop, never taken for theirs).
     */
    private synchronized void daemonized() {
        daemonizingFor = null;
        if (spawning > 0 || !starting.isEmpty()) {
            launches.tryLock(true);
        }
        releaseWhenUnused();
    }

    private void releaseWhenUnused() {
        if (spawning == 0 && starting.isEmpty() && daemonizingFor == null) {
            launches.release();
        }
        notifyAll();
    }

    /** Says once that a wait is long: a build must not seem to hang while another one holds the lock. */
    private static final class Patience {
        private final long sayAt;
        private Runnable say;

        Patience(Duration sayAfter, Runnable say) {
            this.sayAt = System.nanoTime() + sayAfter.toNanos();
            this.say = say;
        }

        void check() {
            if (say != null && System.nanoTime() - sayAt >= 0) {
                say.run();
                say = null;
            }
        }
    }

    /** Waits on this monitor (others may enter), a little longer each time. */
    private long pause(long millis) throws InterruptedException {
        wait(millis);
        return Math.min(millis * 2, LONGEST_PAUSE_MILLIS);
    }
}
