package dev.tether.killer.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Linux cgroup v2 attribution: each fixture is spawned inside its own cgroup, which every descendant inherits
 * whatever it does (double fork, setsid, scrubbed environment). That is what tells two daemons that were
 * started at the same moment apart, and cgroup.kill ends a whole tree atomically.
 *
 * <p>posix_spawn cannot place a child in a cgroup, so the supervisor moves itself into the fixture's cgroup
 * for the duration of the spawn and back out again, under a lock: the child is born inside.
 */
final class Cgroups {
    private final Path base;
    private final Path home;
    private final String selfPid;
    private final AtomicInteger next = new AtomicInteger();

    private Cgroups(Path base, Path home, String selfPid) {
        this.base = base;
        this.home = home;
        this.selfPid = selfPid;
    }

    /** Sets up {@code <own cgroup>/tether-<pid>/supervisor} and moves in; empty (with the reason logged) if not possible. */
    static Optional<Cgroups> tryCreate(int selfPid, java.util.function.Consumer<String> log) {
        try {
            Optional<Path> own = ownCgroupDirectory();
            if (own.isEmpty()) {
                log.accept("no cgroup v2 hierarchy is mounted; daemons are attributed by ancestry and cookie only");
                return Optional.empty();
            }
            Path base = own.get().resolve("tether-" + selfPid);
            Files.createDirectories(base);
            Path home = Files.createDirectories(base.resolve("supervisor"));
            Cgroups cgroups = new Cgroups(base, home, Integer.toString(selfPid));
            cgroups.moveSelfTo(home);
            return Optional.of(cgroups);
        } catch (IOException | RuntimeException e) {
            log.accept("cgroups are not writable here (" + e.getMessage()
                    + "); daemons are attributed by ancestry and cookie only");
            return Optional.empty();
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
        for (String line : Files.readAllLines(Paths.get("/proc/self/mountinfo"))) {
            // fields: id parent major:minor root mountpoint options ... - fstype source superoptions
            String[] halves = line.split(" - ", 2);
            if (halves.length == 2 && halves[1].startsWith("cgroup2 ")) {
                String[] fields = halves[0].split(" ");
                String root = fields[3];
                String path = relative.startsWith(root) ? relative.substring(root.length()) : relative;
                return Optional.of(Paths.get(fields[4], path.replaceFirst("^/", "")));
            }
        }
        return Optional.empty();
    }

    Path base() {
        return base;
    }

    Path create() throws IOException {
        return Files.createDirectories(base.resolve("fixture-" + next.incrementAndGet()));
    }

    /** Runs {@code spawn} with this process inside {@code cgroup}, so the child it starts is born there. */
    synchronized <T> T spawnInside(Path cgroup, Callable<T> spawn) throws Exception {
        moveSelfTo(cgroup);
        try {
            return spawn.call();
        } finally {
            moveSelfTo(home);
        }
    }

    private void moveSelfTo(Path cgroup) {
        try {
            Files.writeString(cgroup.resolve("cgroup.procs"), selfPid, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot move the supervisor into " + cgroup + ": " + e.getMessage(), e);
        }
    }

    static Set<Integer> pids(Path cgroup) {
        Set<Integer> pids = new HashSet<>();
        try {
            for (String line : Files.readAllLines(cgroup.resolve("cgroup.procs"))) {
                if (!line.isBlank()) {
                    pids.add(Integer.parseInt(line.trim()));
                }
            }
        } catch (IOException e) {
            // removed or unreadable: no evidence from it
        }
        return pids;
    }

    /**
     * Kills every process in the cgroup at once (Linux 5.14+); false if the kernel has no cgroup.kill.
     * Synchronized with {@link #spawnInside} so the supervisor is never inside the cgroup it kills.
     */
    synchronized boolean killAll(Path cgroup) {
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

    private static final java.util.concurrent.ExecutorService REMOVER =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
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
    void removeStale(dev.tether.killer.tree.ProcessTable table) {
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
            REMOVER.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        moveSelfTo(base.getParent());
        remove(home);
        remove(base);
    }
}
