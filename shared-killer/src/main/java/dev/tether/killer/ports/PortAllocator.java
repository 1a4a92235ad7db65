package dev.tether.killer.ports;

import dev.tether.killer.PortInUseException;
import dev.tether.killer.SupervisorException;
import dev.tether.killer.config.PortSpec;
import dev.tether.killer.state.CurrentUser;
import dev.tether.killer.state.FileOwnership;
import dev.tether.killer.state.StateDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Hands out TCP ports so that parallel builds, forks and users on one machine never get the same one: a free
 * port from the kernel, then a reservation {@code tether-port-N} in a directory every user shares, held for
 * the fixture's life.
 *
 * <p>A reservation is a <em>symbolic link</em> whose target text names its holder ({@code uid:pid:start}),
 * never a file: creating a link is atomic and fails if anything is already there, and reading one with
 * readlink follows nothing. So no file another user planted is ever opened, truncated or written through;
 * the worst a planted entry does is make Tether skip that port, which is no more than that user could do by
 * binding it. A reservation whose holder process is gone is stale and removed by its own user (or by root);
 * another user's stale one is skipped.
 *
 * <p>The shared directory is {@code tether.portDirectory}, else {@code java.io.tmpdir}, and it is used only
 * if it is safe for everyone: owned by root or this user, and sticky where others may write (as /tmp is), so
 * nobody can remove or replace someone else's reservation. Otherwise reservations fall back to this user's
 * private state directory: still safe, only not coordinated with other users.
 */
public final class PortAllocator {
    public static final String DIRECTORY_PROPERTY = "tether.portDirectory";
    static final String PREFIX = "tether-port-";
    private static final int ATTEMPTS = 50;
    /** Directories whose stale reservations this JVM already removed. */
    private static final Set<Path> PRUNED = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final boolean shared;
    private final String holder;

    PortAllocator(Path directory, boolean shared) {
        this.directory = directory;
        this.shared = shared;
        this.holder =
                CurrentUser.uid() + ":" + ProcessHandle.current().pid() + ":" + startMillis(ProcessHandle.current());
    }

    /** The machine-wide allocator: the shared directory if it is safe, else this user's state directory. */
    public static PortAllocator shared() {
        Path candidate = Paths.get(System.getProperty(DIRECTORY_PROPERTY, System.getProperty("java.io.tmpdir")));
        if (isSafeToShare(candidate)) {
            return new PortAllocator(candidate, true);
        }
        return new PortAllocator(
                StateDirectory.forThisUser().subdirectory("ports").path(), false);
    }

    /** An allocator over an explicit directory (tests). */
    public static PortAllocator in(Path directory) {
        return new PortAllocator(directory, isSafeToShare(directory));
    }

    /** True when this allocator coordinates with every user of the machine, false for this user only. */
    public boolean isMachineWide() {
        return shared;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Safe to share: a real directory owned by root or by us, and where others can write it, sticky (only an
     * entry's owner can remove or rename it).
     */
    static boolean isSafeToShare(Path directory) {
        return FileOwnership.read(directory)
                .filter(FileOwnership::isDirectory)
                .filter(o -> o.uid() == 0 || o.uid() == CurrentUser.uid())
                .filter(o -> !o.othersCanWrite() || o.isSticky())
                .isPresent();
    }

    /**
     * A free port, reserved.
     *
     * @param fixture the fixture as messages name it, e.g. "fixture 'web'"
     */
    public PortLease allocate(String fixture, String name) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port;
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(0));
                port = probe.getLocalPort();
            } catch (IOException e) {
                throw new SupervisorException(PortMessages.cannotBind(fixture, name, e.getMessage()), e);
            }
            PortLease lease = tryReserve(name, port, false);
            if (lease != null) {
                return lease;
            }
        }
        throw new SupervisorException(PortMessages.noFreePort(fixture, name, ATTEMPTS, directory, PREFIX));
    }

    /**
     * Reserves a fixed port, failing before anything starts when it is taken.
     *
     * @throws PortInUseException naming the process that holds it
     */
    public PortLease reserve(String fixture, PortSpec spec) {
        PortLease lease = tryReserve(spec.name(), spec.number(), true);
        if (lease == null) {
            throw new PortInUseException(PortMessages.reservedByAnotherFixture(
                    fixture, spec.number(), spec.name(), describeHolder(spec.number())));
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(spec.number()));
        } catch (IOException e) {
            lease.close();
            throw new PortInUseException(PortMessages.alreadyInUse(
                    fixture, spec.number(), spec.name(), PortOwners.describeListeners(spec.number())));
        }
        return lease;
    }

    /**
     * @param fixed a port the user named: a dead holder's reservation that cannot be removed does not stop it
     *     (only the bind check does); a free port just moves on to another
     */
    private PortLease tryReserve(String name, int port, boolean fixed) {
        if (!LeasesHere.hold(port)) {
            return null;
        }
        removeStaleOnce();
        Path link = directory.resolve(PREFIX + port);
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.createSymbolicLink(link, Paths.get(holder));
                return LeasesHere.track(new PortLease(name, port, () -> release(link, port)));
            } catch (FileAlreadyExistsException e) {
                Entry entry = removeIfStale(link);
                if (entry == Entry.STALE_NOT_OURS && fixed) {
                    // Its holder is dead; this JVM still keeps it from its own fixtures.
                    return LeasesHere.track(new PortLease(name, port, () -> LeasesHere.forget(port)));
                }
                if (entry != Entry.REMOVED) {
                    break;
                }
            } catch (IOException | UnsupportedOperationException e) {
                LeasesHere.unhold(port);
                throw new SupervisorException(
                        PortMessages.cannotReserve(port, directory, String.valueOf(e), DIRECTORY_PROPERTY), e);
            }
        }
        LeasesHere.unhold(port);
        return null;
    }

    /** What stands at a reservation's name. */
    private enum Entry {
        /** Nothing any more (it was stale and is removed now). */
        REMOVED,
        /** A live holder's reservation, or something that is not a reservation at all: never touched. */
        HELD,
        /** Its holder is gone, but the entry is another user's and the sticky bit keeps it. */
        STALE_NOT_OURS
    }

    private static Entry removeIfStale(Path link) {
        Optional<Holder> holder = Holder.read(link);
        if (holder.isPresent() && holder.get().isAlive()) {
            return Entry.HELD;
        }
        if (holder.isEmpty() && Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            return Entry.HELD; // a planted file, directory or foreign link: never opened, never touched
        }
        try {
            Files.delete(link); // unlink(2): removes the link itself, follows nothing
            return Entry.REMOVED;
        } catch (NoSuchFileException e) {
            return Entry.REMOVED;
        } catch (IOException e) {
            return Entry.STALE_NOT_OURS;
        }
    }

    /**
     * Once per JVM and directory: removes the reservations whose holder is gone and that this user may remove
     * (its own, or any as root), so JVMs that were killed before releasing do not leave them to pile up.
     */
    private void removeStaleOnce() {
        if (!PRUNED.add(directory)) {
            return;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            entries.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isSymbolicLink(p))
                    .filter(p -> Holder.read(p).filter(h -> !h.isAlive()).isPresent())
                    .forEach(PortAllocator::removeIfStale);
        } catch (IOException | UncheckedIOException e) {
            // best effort: each entry is judged again when its port comes up
        }
    }

    /** Gives the reservation up, removing the entry only while it is still this JVM's. */
    private void release(Path link, int port) {
        try {
            if (Files.readSymbolicLink(link).toString().equals(holder)) {
                Files.delete(link);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // gone already, or replaced by root: nothing of ours to remove
        } finally {
            LeasesHere.forget(port);
        }
    }

    private String describeHolder(int port) {
        return Holder.read(directory.resolve(PREFIX + port))
                .map(h ->
                        (h.isAlive() ? "held by pid " : "reserved by the ended pid ") + h.pid() + " of uid " + h.uid())
                .orElse("entry " + directory.resolve(PREFIX + port));
    }

    private static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /** Who holds a reservation, as its link says; empty if it is not a link in Tether's format. */
    record Holder(int uid, long pid, long startMillis) {
        static Optional<Holder> read(Path link) {
            try {
                String[] parts = Files.readSymbolicLink(link).toString().split(":");
                if (parts.length != 3) {
                    return Optional.empty();
                }
                return Optional.of(
                        new Holder(Integer.parseInt(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2])));
            } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
                return Optional.empty();
            }
        }

        /** The holder's JVM still runs (same pid and start); a pid whose start cannot be read counts as alive. */
        boolean isAlive() {
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .map(p -> p.info().startInstant().map(Instant::toEpochMilli).orElse(startMillis) == startMillis)
                    .orElse(false);
        }
    }
}
