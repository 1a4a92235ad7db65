package dev.tether.killer.client;

import dev.tether.killer.SupervisorException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * One user's launches, across builds: a file lock in the ledger directory that every spawn holds shared for the
 * moment of its fork (on a backend without a subreaper), and that a daemonizing start holds exclusive until it is ready, on a backend where orphans go
 * to pid 1 (see LaunchTurns). There, a daemon is attributed by the time it appeared, and another build's fixture
 * launched in the same stretch makes it ambiguous, so it is left running (seen in CI: two Surefire forks on the
 * portable backend). With the lock, no other build launches anything while a daemonizing start runs.
 *
 * <p>POSIX record locks belong to the process, and closing any descriptor of the file drops them all, so there is
 * one channel per file per JVM, kept open, and this class shares its lock among the JVM's threads: while the JVM
 * holds it exclusive for a daemonizing start, that start's own supervisor may still spawn (its other fixtures are
 * its own rivals, see UndecidedOrphans), nobody else in the JVM may. Waits poll {@code tryLock}, so a daemonizing
 * start notices a sibling's failure while it waits; every hold is bounded by its holder's start timeout, and the
 * OS drops the lock of a JVM that dies.
 */
final class UserLaunchLock {
    static final String FILE_NAME = "launch.lock";
    private static final Map<Path, UserLaunchLock> BY_FILE = new ConcurrentHashMap<>();
    private static final long FIRST_PAUSE_MILLIS = 1;
    private static final long LONGEST_PAUSE_MILLIS = 10;

    private final Path file;
    private FileChannel channel;
    private FileLock held;
    /** The supervisor whose daemonizing start holds the lock exclusive, or null. */
    private Object daemonizingFor;

    private int spawning;
    private int daemonizingWaiters;

    private UserLaunchLock(Path file) {
        this.file = file;
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
        return file;
    }

    /**
     * Held around one spawn of {@code supervisor}'s; waits while another build's daemonizing start runs, and runs
     * {@code sayWaiting} once when that took longer than {@code sayAfter}.
     */
    synchronized Runnable forSpawn(Object supervisor, Duration sayAfter, Runnable sayWaiting) {
        long pause = FIRST_PAUSE_MILLIS;
        Patience patience = new Patience(sayAfter, sayWaiting);
        while (true) {
            boolean ownDaemonizing = daemonizingFor == supervisor;
            boolean upgradeWaits = daemonizingWaiters > 0 && daemonizingFor == null;
            if (held != null && !upgradeWaits && (daemonizingFor == null || ownDaemonizing)) {
                break;
            }
            if (held == null && !upgradeWaits && tryLock(true)) {
                break;
            }
            try {
                pause = pause(pause);
                patience.check();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SupervisorException(
                        "Interrupted while waiting for the launch lock " + file
                                + ", held by another build's daemonizing start; nothing was spawned. If a test"
                                + " timeout interrupted it, allow that test the other build's start time too.",
                        e);
            }
        }
        spawning++;
        return this::spawned;
    }

    /**
     * Held by a daemonizing start from its spawn until it is ready. Empty when {@code cancelled} says so (a
     * sibling failed) or the thread is interrupted before the lock was had. Runs {@code sayWaiting} once when the
     * wait took longer than {@code sayAfter}.
     */
    synchronized Optional<Runnable> forDaemonizingStart(
            Object supervisor, BooleanSupplier cancelled, Duration sayAfter, Runnable sayWaiting) {
        daemonizingWaiters++;
        try {
            long pause = FIRST_PAUSE_MILLIS;
            Patience patience = new Patience(sayAfter, sayWaiting);
            while (!cancelled.getAsBoolean()) {
                if (daemonizingFor == null && spawning == 0) {
                    release(); // a shared hold of this JVM's, left from spawns that just ended: retaken exclusive
                    if (tryLock(false)) {
                        daemonizingFor = supervisor;
                        return Optional.of(this::daemonized);
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
            daemonizingWaiters--;
            notifyAll();
        }
    }

    private synchronized void spawned() {
        spawning--;
        if (spawning == 0 && daemonizingFor == null) {
            release();
        }
        notifyAll();
    }

    private synchronized void daemonized() {
        daemonizingFor = null;
        if (spawning == 0) {
            release();
        }
        notifyAll();
    }

    /**
     * One non-blocking try. When the file cannot be opened or locked (a file system without locks, or another
     * channel of this JVM holding it), launches go on without it: the lock only narrows when a daemon is ambiguous, and the stop names any it could not attribute.
     */
    private boolean tryLock(boolean shared) {
        try {
            if (channel == null) {
                channel = FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.READ, // a shared lock needs it
                        StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
            }
            held = channel.tryLock(0, Long.MAX_VALUE, shared);
            return held != null;
        } catch (IOException | UnsupportedOperationException | OverlappingFileLockException e) {
            held = null;
            return true;
        }
    }

    private void release() {
        if (held == null) {
            return;
        }
        try {
            held.release();
        } catch (IOException e) {
            // the channel stays open; a lock it could not release is dropped when the JVM exits
        }
        held = null;
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
