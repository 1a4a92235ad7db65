package dev.tether.killer.supervisor;

import dev.tether.killer.tree.ProcessId;
import dev.tether.killer.tree.ProcessInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who an orphan belongs to when the subreaper adopts it and nothing else tells (no cgroup, no cookie, no
 * process group, no ancestry seen). Every descendant of the supervisor descends from exactly one fixture, so
 * an adoptee was forked by a member of a fixture whose tree lived when the adoptee started. The fixtures whose
 * life (leader start to the end of its stop) contains the adoptee's start time are its <em>candidates</em>:
 * <ul>
 *   <li>one candidate, still running: the adoptee is that fixture's;
 *   <li>one candidate, already stopped: a late escapee of that fixture, to be killed at once;
 *   <li>several candidates: it cannot be told which; it stays <em>unclaimed</em>, is named in stop reports,
 *       recorded in the ledger, and killed when the last of its candidates stops (or with the owner). It is
 *       never handed to a fixture that started after an older one that could have made it.
 * </ul>
 * Pure logic over start times (clock ticks since boot), so the rules are unit-tested on made-up tables.
 */
final class Adoptions {
    /** Remembered lives, stopped ones included, so a late escapee of a stopped fixture is still recognised. */
    private static final int MAX_REMEMBERED = 4096;

    /** One fixture's life in start-time ticks; {@code endTicks} is {@link Long#MAX_VALUE} while it runs. */
    record Life(String key, long startTicks, long endTicks) {
        boolean running() {
            return endTicks == Long.MAX_VALUE;
        }

        boolean contains(long ticks) {
            return startTicks <= ticks && ticks <= endTicks;
        }
    }

    /** What to do with one adoptee. */
    sealed interface Verdict {}

    /** The adoptee belongs to this running fixture. */
    record Claim(String key) implements Verdict {}

    /** The adoptee escaped the stop of this fixture: kill it. */
    record LateEscapee(String key) implements Verdict {}

    /** Several fixtures could have made it: keep it unclaimed, with these still-running candidates. */
    record Ambiguous(List<String> runningCandidates) implements Verdict {}

    /** No running candidate is left (or none ever matched): kill it. */
    record Orphaned(List<String> candidates) implements Verdict {}

    private final Map<String, Life> lives = new LinkedHashMap<>();

    synchronized void started(String key, long startTicks) {
        lives.put(key + "#" + startTicks, new Life(key, startTicks, Long.MAX_VALUE));
        while (lives.size() > MAX_REMEMBERED) {
            lives.remove(lives.keySet().iterator().next());
        }
    }

    synchronized void stopped(String key, long startTicks, long endTicks) {
        lives.computeIfPresent(key + "#" + startTicks, (k, life) -> new Life(key, startTicks, endTicks));
    }

    synchronized Verdict judge(ProcessInfo adoptee) {
        return judge(adoptee.id(), List.copyOf(lives.values()));
    }

    static Verdict judge(ProcessId adoptee, List<Life> lives) {
        List<Life> candidates = new ArrayList<>();
        for (Life life : lives) {
            if (life.contains(adoptee.startTime())) {
                candidates.add(life);
            }
        }
        List<String> running =
                candidates.stream().filter(Life::running).map(Life::key).toList();
        if (candidates.size() == 1) {
            Life only = candidates.get(0);
            return only.running() ? new Claim(only.key()) : new LateEscapee(only.key());
        }
        if (running.isEmpty()) {
            return new Orphaned(candidates.stream().map(Life::key).toList());
        }
        return new Ambiguous(running);
    }

    /** The life of a running fixture, if known. */
    synchronized Optional<Life> running(String key) {
        return lives.values().stream()
                .filter(l -> l.key().equals(key) && l.running())
                .findFirst();
    }
}
