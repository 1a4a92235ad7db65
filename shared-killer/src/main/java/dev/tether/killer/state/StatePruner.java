package dev.tether.killer.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Keeps this user's state directory bounded: supervisor logs, JNA libraries and class-data archives from earlier
 * runs are removed when unused for {@link #UNUSED_FOR}, and beyond a count even when recent (a CI agent running
 * hundreds of builds a day, each with its own class path, would otherwise pile them up: 600 logs and 75 library
 * directories were found on this project's own machine after a day of builds). The newest entries are the ones
 * in use, as every use marks its entry. A log whose owner JVM is still alive is never removed: it is being
 * written, and the owner quotes it in its error messages.
 */
public final class StatePruner {
    static final Duration UNUSED_FOR = Duration.ofDays(14);
    static final int KEEP_LOGS = 50;
    static final int KEEP_LIBRARIES = 4;
    static final int KEEP_ARCHIVES = 8;

    private final Path root;
    private final IntPredicate isAlive;

    /** @param isAlive whether the JVM of a pid is running (a log's name carries its owner's pid) */
    StatePruner(Path root, IntPredicate isAlive) {
        this.root = root;
        this.isAlive = isAlive;
    }

    public static StatePruner forThisMachine(Path root) {
        return new StatePruner(
                root, pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    /** Removes what is too old or too many; returns how many entries went. Never throws. */
    public int prune(Instant now) {
        Instant cutoff = now.minus(UNUSED_FOR);
        int removed = 0;
        removed += prune(entries(root, StatePruner::isLog), KEEP_LOGS, cutoff, this::isLogOfALiveOwner);
        removed += prune(entries(root, name -> name.startsWith("jna-")), KEEP_LIBRARIES, cutoff, p -> false);
        removed += prune(entries(root.resolve("cds"), name -> true), KEEP_ARCHIVES, cutoff, p -> false);
        return removed;
    }

    /** Marks an entry as used now, so that it is among the newest and is kept. */
    public static void markUsed(Path path) {
        try {
            Files.setLastModifiedTime(path, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // pruned a little early at worst
        }
    }

    private static boolean isLog(String name) {
        return name.startsWith("supervisor-") && name.endsWith(".log");
    }

    /** supervisor-OWNERPID-NANOS.log */
    private boolean isLogOfALiveOwner(Path log) {
        String[] parts = log.getFileName().toString().split("[-.]");
        try {
            return parts.length >= 3 && isAlive.test(Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private record Entry(Path path, Instant lastUse) {}

    private static List<Entry> entries(Path directory, Predicate<String> nameMatches) {
        List<Entry> found = new ArrayList<>();
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return found;
        }
        try (Stream<Path> listing = Files.list(directory)) {
            for (Path path : listing.toList()) {
                if (nameMatches.test(path.getFileName().toString())) {
                    try {
                        found.add(new Entry(
                                path,
                                Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS)
                                        .toInstant()));
                    } catch (IOException e) {
                        // gone meanwhile
                    }
                }
            }
        } catch (IOException e) {
            // nothing to prune there
        }
        found.sort(Comparator.comparing(Entry::lastUse).reversed());
        return found;
    }

    private static int prune(List<Entry> newestFirst, int keep, Instant cutoff, Predicate<Path> inUse) {
        int removed = 0;
        for (int i = 0; i < newestFirst.size(); i++) {
            Entry entry = newestFirst.get(i);
            if ((i >= keep || entry.lastUse().isBefore(cutoff)) && !inUse.test(entry.path())) {
                try {
                    deleteTree(entry.path());
                    removed++;
                } catch (IOException e) {
                    // in use or already gone
                }
            }
        }
        return removed;
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> children = Files.list(path)) {
                for (Path child : children.toList()) {
                    deleteTree(child);
                }
            }
        }
        Files.deleteIfExists(path);
    }
}
