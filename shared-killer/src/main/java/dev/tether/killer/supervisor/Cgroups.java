package dev.tether.killer.supervisor;

import dev.tether.killer.process.ProcessTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Linux cgroup v2 attribution: each fixture is spawned inside its own cgroup, which every descendant inherits
 * whatever it does (double fork, setsid, scrubbed environment). That is what tells two daemons that were
 * started at the same moment apart, and cgroup.kill ends a whole tree atomically.
 *
 * <p>posix_spawn cannot place a child in a cgroup, and a child is born in its parent's. So the supervisor
 * always waits inside a fresh, empty <em>standby</em> cgroup: a spawn is born there at once, that cgroup
 * becomes the fixture's, and the supervisor moves on to a new standby in the background. The move is what
 * costs (the kernel waits one RCU grace period for the first migration in a while: ~10 ms measured), so it
 * is kept off the spawn's path. A spawn or a cgroup.kill that comes before the move completes it first, so
 * no child is ever born in another fixture's cgroup and the supervisor never kills itself.
 */
final class Cgroups {
    private final Path base;
    private final String selfPid;
    private final AtomicInteger next = new AtomicInteger();
    /** Runs the background move to a fresh standby; tests pass one that never runs it. */
    private final ExecutorService mover;
    /** The cgroup the supervisor is in now. */
    private Path occupied;
    /** True while nothing but the supervisor was ever born in {@link #occupied}. */
    private boolean clean;

    Cgroups(Path base, String selfPid, ExecutorService mover) {
        this.base = base;
        this.selfPid = selfPid;
        this.mover = mover;
    }

    /** Sets up {@code <own cgroup>/tether-<pid>/} and a first standby to wait in; empty (logged) if not possible. */
    static Optional<Cgroups> tryCreate(int selfPid, Consumer<String> log) {
        try {
            Optional<Path> own = ownCgroupDirectory();
            if (own.isEmpty()) {
                log.accept("no cgroup v2 hierarchy is mounted; daemons are attributed by ancestry and cookie only");
                return Optional.empty();
            }
            Path base = own.get().resolve("tether-" + selfPid);
            Files.createDirectories(base);
            Cgroups cgroups = new Cgroups(base, Integer.toString(selfPid), Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "tether-cgroup-mover");
                thread.setDaemon(true);
                return thread;
            }));
            cgroups.start();
            return Optional.of(cgroups);
        } catch (IOException | RuntimeException e) {
            log.accept("cgroups are not writable here (" + e.getMessage()
                    + "); daemons are attributed by ancestry and cookie only");
            return Optional.empty();
        }
    }

    /** Moves into the first standby. */
    synchronized void start() {
        moveToFreshStandby();
    }

    /** A spawn's result and the cgroup its child was born in. */
    record Born<T>(T result, Path cgroup) {}

    /** Runs {@code spawn} so that its child is born in a cgroup of its own, and returns that cgroup. */
    synchronized <T> Born<T> spawnInFreshCgroup(Callable<T> spawn) throws Exception {
        if (!clean) {
            moveToFreshStandby(); // a spawn right after another: the background move has not run yet
        }
        Path cgroup = occupied;
        T result = spawn.call();
        clean = false;
        mover.execute(this::leaveIfUsed);
        return new Born<>(result, cgroup);
    }

    private synchronized void leaveIfUsed() {
        if (!clean) {
            moveToFreshStandby();
        }
    }

    private void moveToFreshStandby() {
        try {
            Path standby = Files.createDirectories(base.resolve("fixture-" + next.incrementAndGet()));
            moveSelfTo(standby);
            occupied = standby;
            clean = true;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a cgroup under " + base + ": " + e.getMessage(), e);
        }
    }

    /** The directory of this process's cgroup in the unified (v2) hierarchy, if one is mounted. */
    static Optional<Path> ownCgroupDirectory() throws IOException {
        String relative = null;
        for (String line : Files.readAllLines(Paths.get("/proc/self/cgroup"))) {
            if (line.startsWith("0::")) {
                relative = line.substring(3);
            }
        }
        if (relative == null) {
            return Optional.empty();
        }
        Optional<String[]> mount = unifiedMountFields();
        if (mount.isEmpty()) {
            return Optional.empty();
        }
        String root = mount.get()[3];
        String path = relative.startsWith(root) ? relative.substring(root.length()) : relative;
        return Optional.of(Paths.get(mount.get()[4], path.replaceFirst("^/", "")));
    }

    /** Where the unified (v2) hierarchy is mounted, if it is. */
    static Optional<Path> unifiedMount() {
        try {
            return unifiedMountFields().map(fields -> Paths.get(fields[4]));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The mountinfo fields (id parent major:minor root mountpoint ...) of the first cgroup2 mount. */
    private static Optional<String[]> unifiedMountFields() throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc/self/mountinfo"))) {
            String[] halves = line.split(" - ", 2);
            if (halves.length == 2 && halves[1].startsWith("cgroup2 ")) {
                return Optional.of(halves[0].split(" "));
            }
        }
        return Optional.empty();
    }

    Path base() {
        return base;
    }

    private void moveSelfTo(Path cgroup) {
        try {
            Files.writeString(cgroup.resolve("cgroup.procs"), selfPid, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot move the supervisor into " + cgroup + ": " + e.getMessage(), e);
        }
    }

    static Set<Integer> pids(Path cgroup) {
        return LedgerMembers.pidsInCgroup(cgroup);
    }

    /**
     * Whether the cgroup holds no process but {@code self} (the supervisor stays in the last cgroup it spawned
     * into); false when it cannot be read, so that only a tree known to be over counts as ended.
     */
    static boolean holdsNothingBut(Path cgroup, int self) {
        return LedgerMembers.readPidsInCgroup(cgroup)
                .map(pids -> pids.stream().allMatch(pid -> pid == self))
                .orElse(false);
    }

    /**
     * Kills every process in the cgroup at once (Linux 5.14+); false if the kernel has no cgroup.kill.
     * Synchronized with the spawns, and the supervisor leaves the cgroup first if it is still in it.
     */
    synchronized boolean killAll(Path cgroup) {
        if (cgroup.equals(occupied)) {
            moveToFreshStandby();
        }
        Path kill = cgroup.resolve("cgroup.kill");
        if (!Files.exists(kill)) {
            return false;
        }
        try {
            Files.writeString(kill, "1", StandardCharsets.US_ASCII);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static final ExecutorService REMOVER = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "tether-cgroup-remover");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Removes an emptied cgroup in the background: a stop need not wait while the kernel lets go of the last
     * zombie. A removal cut short by the supervisor's exit is finished by the next supervisor (removeStale).
     */
    static void removeLater(Path cgroup) {
        REMOVER.execute(() -> remove(cgroup));
    }

    /** Removes an emptied cgroup; a cgroup with zombies still attached is busy, so it is tried a few times. */
    static void remove(Path cgroup) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                Files.deleteIfExists(cgroup);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Removes the cgroups of supervisors that are gone (their trees were swept first). */
    void removeStale(ProcessTable table) {
        try (var entries = Files.list(base.getParent())) {
            for (Path dir : entries.toList()) {
                String name = dir.getFileName().toString();
                if (name.matches("tether-\\d+")
                        && table.get(Integer.parseInt(name.substring(7))).isEmpty()) {
                    try (var children = Files.list(dir)) {
                        for (Path child : children.filter(Files::isDirectory).toList()) {
                            remove(child); // fails while processes remain: those are the ledger sweep's to judge
                        }
                    }
                    remove(dir);
                }
            }
        } catch (IOException e) {
            // best effort: an unremovable cgroup costs nothing but a directory
        }
    }

    /** Moves the supervisor back to where it started and removes its own cgroups, as it exits. */
    void close() {
        REMOVER.shutdown();
        try {
            REMOVER.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        mover.shutdownNow();
        synchronized (this) {
            moveSelfTo(base.getParent());
            remove(occupied);
        }
        remove(base);
    }
}
