package dev.tether.killer.supervisor;

import dev.tether.killer.platform.Backend;
import dev.tether.killer.platform.ProcessEvents;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInspector;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Backup for stdin EOF (if the owner's pid is gone or reused, the owner is dead) and the periodic look at the
 * trees: every {@link #BUSY_LOOK_MILLIS} while processes are being created and a tree is starting (see
 * {@link TreeKeeper#observe}), every {@link #IDLE_LOOK_MILLIS} otherwise, every {@link #NOTHING_KEPT_LOOK_MILLIS}
 * while no tree runs (an idle supervisor's cost is its wake-ups). Where the kernel reports forks and exits ({@link ProcessEvents}, macOS), the owner and every
 * member a look finds are watched, and a fork or exit among them brings the next look forward to now (no sooner
 * than {@link #MIN_LOOK_GAP_MILLIS} after the last, so a server forking workers non-stop costs a bounded rate).
 */
final class OwnerWatch implements Runnable {
    private static final long BUSY_LOOK_MILLIS = 250;
    private static final long IDLE_LOOK_MILLIS = 1000;
    /** Only the backup owner check is left to do: the owner's death closes our stdin anyway. */
    private static final long NOTHING_KEPT_LOOK_MILLIS = 5000;

    private static final long MIN_LOOK_GAP_MILLIS = 5;

    private final TreeKeeper supervisor;
    private final ProcessInspector inspector;
    private final ProcessId ownerId;
    private final Runnable ownerGone;
    private final Optional<ProcessEvents> events;
    private final Set<Integer> watched = new HashSet<>();
    private final Object lookNow = new Object();
    private long lastLook = System.nanoTime();
    /** A watched process forked or exited since the last look (guarded by lookNow). */
    private boolean poked;

    OwnerWatch(
            TreeKeeper supervisor, ProcessInspector inspector, ProcessId ownerId, Backend backend, Runnable ownerGone) {
        this.supervisor = supervisor;
        this.inspector = inspector;
        this.ownerId = ownerId;
        this.ownerGone = ownerGone;
        this.events = backend.processEvents(this::poke);
        events.ifPresent(watch -> watch.watch(ownerId.pid()));
    }

    private void poke() {
        synchronized (lookNow) {
            poked = true;
            lookNow.notifyAll();
        }
    }

    @Override
    public void run() {
        boolean busy = true;
        while (true) {
            try {
                pause(
                        busy
                                ? BUSY_LOOK_MILLIS
                                : supervisor.keepsAnything() ? IDLE_LOOK_MILLIS : NOTHING_KEPT_LOOK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (!inspector.isRunning(ownerId)) {
                System.err.println("[tether-supervisor] owner pid " + ownerId.pid() + " is gone: stopping every tree");
                ownerGone.run();
            }
            busy = supervisor.observe();
            events.ifPresent(this::watchKnownMembers);
        }
    }

    /** Sleeps {@code millis} after the last look, or less when poked (but at least the minimum gap). */
    private void pause(long millis) throws InterruptedException {
        long deadline = lastLook + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (lookNow) {
            for (long left = deadline - System.nanoTime(); !poked && left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(lookNow, left);
            }
            poked = false;
        }
        long gap = lastLook + TimeUnit.MILLISECONDS.toNanos(MIN_LOOK_GAP_MILLIS) - System.nanoTime();
        if (gap > 0) {
            TimeUnit.NANOSECONDS.sleep(gap); // only after a poke: an unpoked pause is longer than the gap
        }
        lastLook = System.nanoTime();
    }

    private void watchKnownMembers(ProcessEvents watch) {
        Set<Integer> members = new HashSet<>();
        supervisor.trees().forEach(tree -> tree.membership.known().forEach(member -> members.add(member.pid())));
        watched.retainAll(members);
        for (int pid : members) {
            if (watched.add(pid)) {
                watch.watch(pid);
            }
        }
    }
}
