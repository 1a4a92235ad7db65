package dev.tether.killer.supervisor;

import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who an orphan belongs to when the subreaper adopts it and nothing else tells (no cgroup, no cookie, no
 * process group, no ancestry seen). Every descendant of the supervisor descends from exactly one fixture, so
 * an adoptee was forked by a member of a fixture whose tree lived when the adoptee started. The fixtures whose
 * life (leader start to the end of its stop) contains the adoptee's start time are its <em>candidates</em>.
 * An orphan is adopted only when its parent dies, so the candidate that made it lost a process after the
 * orphan started: its <em>suspects</em> are the candidates that lost a member the supervisor knew (its launcher
 * exiting, as a daemonizing fixture's does) at or after the orphan's start.
 * <ul>
 *   <li>one candidate, still running: the adoptee is that fixture's;
 *   <li>several, of which exactly one running one is a suspect: the adoptee is <em>suspected</em> to be that
 *       fixture's (a stopped candidate's late escapee is then ended with it, later but never wrongly), a verdict
 *       acted on once the other candidates' losses of the same instant have had time to be seen;
 *   <li>one candidate, already stopped: a late escapee of that fixture, to be killed at once;
 *   <li>otherwise it cannot be told which; it stays <em>unclaimed</em>, is named in stop reports, recorded in
 *       the ledger, and killed when the last of its candidates stops (or with the owner).
 * </ul>
 * Several suspects happen beside wrapper-heavy fixtures (a pyenv or npm shim forks and loses short-lived helpers
 * all through its start): among them, the one whose <em>launcher</em> exited since the orphan started is the
 * adoptee's maker when it is the only one, the way a daemonizing fixture's launcher leaves its daemon behind. A
 * launcher that exits is either such a daemonizer or a fixture that just crashed, and a crash fails its build.
 * The suspect rule can be wrong in one case: a process the supervisor never saw (it lived between two looks)
 * orphans the adoptee in one fixture while another fixture loses a known process in the same moment. Then the
 * adoptee ends with the wrong fixture's stop, still within the build. Without it, every daemon whose fixture
 * starts beside another one would stay unclaimed where there are no cgroups.
 * Pure logic over start times (clock ticks since boot), so the rules are unit-tested on made-up tables.
 */
final class Adoptions {
    /** Remembered lives, stopped ones included, so a late escapee of a stopped fixture is still recognised. */
    private static final int MAX_REMEMBERED = 4096;

    /**
     * One fixture's life in start-time ticks; {@code endTicks} is {@link Long#MAX_VALUE} while it runs,
     * {@code lastLossTicks} when the supervisor last noticed one of its known processes gone, and
     * {@code leaderLossTicks} when it first noticed the launcher itself gone ({@link Long#MIN_VALUE} when never).
     */
    record Life(String key, long startTicks, long endTicks, long lastLossTicks, long leaderLossTicks) {
        Life(String key, long startTicks, long endTicks) {
            this(key, startTicks, endTicks, Long.MIN_VALUE, Long.MIN_VALUE);
        }

        Life(String key, long startTicks, long endTicks, long lastLossTicks) {
            this(key, startTicks, endTicks, lastLossTicks, Long.MIN_VALUE);
        }

        /** Its launcher exited at or after {@code ticks}: the classic way a daemon is left behind. */
        boolean lostItsLauncherSince(long ticks) {
            return leaderLossTicks >= ticks;
        }

        boolean running() {
            return endTicks == Long.MAX_VALUE;
        }

        boolean contains(long ticks) {
            return startTicks <= ticks && ticks <= endTicks;
        }

        /** Lost a process at or after {@code ticks}: it may have orphaned what started then. */
        boolean lostAProcessSince(long ticks) {
            return lastLossTicks >= ticks;
        }
    }

    /** What to do with one adoptee. */
    sealed interface Verdict {}

    /** The adoptee belongs to this running fixture: the only one whose life contains its start. */
    record Claim(String key) implements Verdict {}

    /**
     * The adoptee is most likely this running fixture's, by the losses seen so far among several running
     * candidates. A loss is seen only at a look, after it happened: a verdict on evidence read in the instant the
     * adoptee appeared may change once the other candidates' losses of that instant are seen (see
     * {@link Attribution}, which waits for them before it acts on this).
     */
    record Suspected(String key, List<String> runningCandidates) implements Verdict {}

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
        lives.computeIfPresent(
                key + "#" + startTicks,
                (k, life) -> new Life(key, startTicks, endTicks, life.lastLossTicks(), life.leaderLossTicks()));
    }

    /**
     * The supervisor noticed, at {@code ticks}, that a process it knew in this running fixture is gone; with
     * {@code launcherGone}, the launcher is gone too (the first time counts).
     */
    synchronized void lost(String key, long startTicks, long ticks, boolean launcherGone) {
        lives.computeIfPresent(
                key + "#" + startTicks,
                (k, life) -> new Life(
                        key,
                        startTicks,
                        life.endTicks(),
                        ticks,
                        launcherGone && life.leaderLossTicks() == Long.MIN_VALUE ? ticks : life.leaderLossTicks()));
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
        // A stopped candidate may have orphaned it too, but claiming it for the running suspect only delays its
        // end to that fixture's stop; judging it a late escapee could kill the running fixture's daemon.
        List<Life> suspects = candidates.stream()
                .filter(Life::running)
                .filter(life -> life.lostAProcessSince(adoptee.startTime()))
                .toList();
        if (candidates.size() == 1) {
            Life only = candidates.get(0);
            return only.running() ? new Claim(only.key()) : new LateEscapee(only.key());
        }
        if (suspects.size() == 1) {
            return suspected(suspects.get(0), running);
        }
        List<Life> launcherLost = suspects.stream()
                .filter(life -> life.lostItsLauncherSince(adoptee.startTime()))
                .toList();
        if (launcherLost.size() == 1) {
            return suspected(launcherLost.get(0), running);
        }
        if (running.isEmpty()) {
            return new Orphaned(candidates.stream().map(Life::key).toList());
        }
        return new Ambiguous(running);
    }

    /** With no other running candidate, no loss still to be seen can change the verdict: a claim. */
    private static Verdict suspected(Life suspect, List<String> running) {
        return running.size() == 1 ? new Claim(suspect.key()) : new Suspected(suspect.key(), running);
    }

    /** The life of a running fixture, if known. */
    synchronized Optional<Life> running(String key) {
        return lives.values().stream()
                .filter(l -> l.key().equals(key) && l.running())
                .findFirst();
    }
}
