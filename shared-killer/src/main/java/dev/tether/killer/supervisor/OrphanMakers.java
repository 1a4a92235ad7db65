package dev.tether.killer.supervisor;

import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who can have made an orphan of pid 1, by time alone (the portable backend's evidence, see {@link InitOrphans}):
 * the fixtures whose exited launcher lived when it started, and the rivals launched beside them. Pure: start
 * times and pids in, fixture keys out.
 */
final class OrphanMakers {
    /** Farther apart than this, two pids handed out in one clock tick can only be on either side of a wrap. */
    private static final int PID_WRAP_DISTANCE = 16_384;

    private OrphanMakers() {}

    /** The start times of everything an exited launcher can have forked: from its own start to its reaping. */
    record Launch(String key, long start, long end, int leaderPid) {
        /** A launch whose leader's pid is not known to order it within its clock tick (its start was not read). */
        Launch(String key, long start, long end) {
            this(key, start, end, 0);
        }

        boolean contains(long startTime) {
            return start <= startTime && startTime <= end;
        }

        /**
         * Whether {@code leader} was launched at or after this launch. Within the 10 ms clock tick of this launch's
         * start, the pids decide (see {@link #startedBefore}): a fixture launched just before it in the same tick
         * is outside its stretch. Seen in CI on the portable backend: another test fork's fixture launched a few
         * milliseconds before a daemonizing one, in the same tick, left its daemon unattributed.
         */
        boolean launchedNoLaterThan(ProcessId leader) {
            return leaderPid == 0
                    ? start <= leader.startTime()
                    : !startedBefore(leader, new ProcessId(leaderPid, start));
        }
    }

    /**
     * A fixture that may have forked an orphan as well as the judged launcher: its leader, until when it was
     * starting (the newest start time seen when its launcher exited or its owner found it ready), and its key when
     * it is this supervisor's (another build's fixture is known only from its ledger).
     */
    record Rival(ProcessId leader, long startingUntil, Optional<String> ours) {
        /** Another build's fixture whose start is not known to be over: it may still fork anything. */
        static final long STILL_STARTING = Long.MAX_VALUE;

        /** Another build's fixture, as its ledger tells it. */
        Rival(ProcessId leader, long startingUntil) {
            this(leader, startingUntil, Optional.empty());
        }

        /**
         * A fixture of this supervisor not judged as an exited launcher: like another build's, a rival when
         * launched in the stretch or still starting when the orphan started ({@code startingUntil}: its start is
         * over once its owner found it ready, its launcher's exit was judged or its stop began), so a server found
         * ready before is none. Launched before the stretch used to be enough to be none: seen in CI on the portable
         * backend, twins launched side by side, B first, A's exit judged before B's, and A took B's daemon for its
         * own and killed it at A's stop.
         */
        static Rival ofThisSupervisor(String key, ProcessId leader, long startingUntil) {
            return new Rival(leader, startingUntil, Optional.of(key));
        }

        /** Launched before the orphan, and in the stretch that began with {@code first} or still starting then. */
        boolean couldHaveMade(ProcessInfo orphan, Launch first) {
            return startedBefore(leader, orphan.id())
                    && (first.launchedNoLaterThan(leader) || orphan.startTime() <= startingUntil);
        }
    }

    /**
     * The keys of this supervisor's fixtures that could have made the orphan: those whose exited launcher lived
     * when it started, and the rivals of this supervisor. None when no launcher lived then, or when another
     * build's rival could have made it just as well (then it is nobody's this supervisor may end). A rival is a
     * fixture launched before the orphan that was either launched in the same stretch (between the earliest of
     * those launchers' start and the orphan's) or still starting when the orphan started (its {@code
     * startingUntil}; another build's as its ledger says): daemons are forked while their fixture starts, so a
     * fixture whose start ended before is no rival.
     */
    static Set<String> suspects(ProcessInfo orphan, Collection<Launch> exited, Collection<Rival> rivals) {
        List<Launch> lived = exited.stream()
                .filter(launch -> launch.contains(orphan.startTime()))
                .toList();
        if (lived.isEmpty()) {
            return Set.of();
        }
        Launch first = lived.stream()
                .min(Comparator.comparingLong(Launch::start).thenComparingInt(Launch::leaderPid))
                .get();
        Set<String> keys = new TreeSet<>();
        lived.forEach(launch -> keys.add(launch.key()));
        for (Rival rival : rivals) {
            if (rival.couldHaveMade(orphan, first)) {
                if (rival.ours().isEmpty()) {
                    return Set.of();
                }
                keys.add(rival.ours().get());
            }
        }
        return keys;
    }

    /** The running fixture an orphan belongs to: the only suspect (see {@link #suspects}), if it has one. */
    static Optional<String> whose(ProcessInfo orphan, Collection<Launch> exited, Collection<Rival> rivals) {
        Set<String> keys = suspects(orphan, exited, rivals);
        return keys.size() == 1 ? Optional.of(keys.iterator().next()) : Optional.empty();
    }

    /**
     * Whether {@code first} started before {@code second}. Start times come in clock ticks (10 ms on Linux), and
     * an owner that saw a launcher end may launch the next fixture in the very tick its daemon started: within a
     * tick, the order pids were handed out in decides. Pids are allocated upwards and wrap at pid_max (32768 at
     * the least), so a pid far below the other was handed out after the wrap, that is later.
     */
    static boolean startedBefore(ProcessId first, ProcessId second) {
        if (first.startTime() != second.startTime()) {
            return first.startTime() < second.startTime();
        }
        int distance = second.pid() - first.pid();
        return distance > 0 ? distance < PID_WRAP_DISTANCE : -distance >= PID_WRAP_DISTANCE;
    }
}
