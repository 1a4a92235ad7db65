package dev.tether.killer.client;

import dev.tether.killer.stop.StopPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the owner knows of each running tree: its record, to stop it itself should the supervisor die, and the
 * policy it was spawned with, to stop it and to know how long a shutdown of everything may take.
 */
final class KnownTrees {
    private record Known(TreeRecord record, StopPolicy policy) {}

    private final Map<String, Known> trees = new ConcurrentHashMap<>();

    void add(TreeRecord record, StopPolicy policy) {
        trees.put(record.id(), new Known(record, policy));
    }

    void remove(String id) {
        trees.remove(id);
    }

    StopPolicy policyOf(String id) {
        Known known = trees.get(id);
        return known == null ? StopPolicy.DEFAULT : known.policy();
    }

    /** The longest any running tree's stop may take: TERM, its grace, KILL and the final check. */
    Duration longestStop() {
        return trees.values().stream()
                .map(known -> known.policy().worstCase())
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    /** Every record, and forgets them: the caller takes over (the supervisor died holding them). */
    List<TreeRecord> takeAll() {
        List<TreeRecord> records = trees.values().stream().map(Known::record).toList();
        trees.clear();
        return records;
    }

    /** The names of the running trees, sorted: ids without the {@code #serial} a fixture group adds. */
    List<String> names() {
        return trees.keySet().stream()
                .map(id -> id.contains("#") ? id.substring(0, id.lastIndexOf('#')) : id)
                .sorted()
                .toList();
    }

    boolean isEmpty() {
        return trees.isEmpty();
    }
}
