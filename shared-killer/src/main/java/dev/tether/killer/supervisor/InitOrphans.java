package dev.tether.killer.supervisor;

import dev.tether.killer.platform.Backend;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.ProcessInspector;
import dev.tether.killer.process.ProcessTable;
import dev.tether.killer.state.CurrentUser;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Orphans re-parented to pid 1, on a backend without a subreaper (portable, macOS): a daemon whose launcher
 * exited is no longer anyone's descendant, and no environment can be read to find its cookie. What is left is
 * time: a fixture's launcher (its leader) is reaped by the supervisor, so the moment it exited is known, and
 * a daemon it made started inside its life. An orphan of pid 1, of this user, that started inside the life of
 * exactly one exited launcher of a running fixture is that fixture's; any other is never signalled, only
 * named at stop as "could not be attributed". Processes of pid 1 are a whole desktop's (a Mac's launchd starts
 * every app), so the rule claims only what started in those few milliseconds, and kills nothing by itself.
 */
final class InitOrphans {
    /** The start times of everything an exited launcher can have forked: from its own start to its reaping. */
    record Launch(String key, long start, long end) {
        boolean contains(long startTime) {
            return start <= startTime && startTime <= end;
        }
    }

    /**
     * A fixture that may have forked an orphan as well as the judged launcher: its leader, and until when it was
     * starting (the newest start time seen when its launcher exited or its owner found it ready).
     */
    record Rival(ProcessId leader, long startingUntil) {
        /** Another build's fixture whose start is not known to be over: it may still fork anything. */
        static final long STILL_STARTING = Long.MAX_VALUE;

        /**
         * A fixture still running its launcher (this build's, or another's): a rival only when launched in the
         * judged stretch. Fixtures start side by side by design (a wave of one build, builds run in parallel);
         * counting every one still starting left daemons unattributed, and running, whenever one started beside
         * another (seen in CI with two invoker builds at once).
         */
        static Rival launchedInTheStretchOnly(ProcessId leader) {
            return new Rival(leader, Long.MIN_VALUE);
        }
    }

    private static final int INIT = 1;
    /** Farther apart than this, two pids handed out in one clock tick can only be on either side of a wrap. */
    private static final int PID_WRAP_DISTANCE = 16_384;

    private final Map<String, Launch> exitedLaunchers = new ConcurrentHashMap<>();
    private final Map<String, OwnedTree> fixtures;
    private final ProcessInspector inspector;
    private final Function<OwnedTree, SupervisedTree> treeOf;
    private final IntPredicate ownedByThisUser;
    private final String backend;
    private final Supplier<List<Rival>> otherBuilds;
    private final Runnable ledgerChanged;
    /** Runs a judgement while no spawn is between its fork and its registration (see Attribution). */
    private final Consumer<Runnable> noSpawnRegistering;
    /** Present where the OS names each orphan's forking parent (macOS): exact evidence, before any timing. */
    private final Optional<ForkParents> forkParents;

    InitOrphans(
            Map<String, OwnedTree> fixtures,
            ProcessInspector inspector,
            Function<OwnedTree, SupervisedTree> treeOf,
            Backend backend,
            Supplier<List<Rival>> otherBuilds,
            Runnable ledgerChanged,
            Consumer<Runnable> noSpawnRegistering) {
        this.noSpawnRegistering = noSpawnRegistering;
        this.forkParents = backend.uniqueIds().map(ids -> new ForkParents(ids, inspector::isRunning));
        this.otherBuilds = otherBuilds;
        this.ledgerChanged = ledgerChanged;
        this.fixtures = fixtures;
        this.inspector = inspector;
        this.treeOf = treeOf;
        this.ownedByThisUser = pid -> inspector.uid(pid) == CurrentUser.uid();
        this.backend = backend.wireName();
    }

    /**
     * The fixture's leader was just reaped: its group and whatever its life left at pid 1 are claimed now,
     * before the exit is reported (a daemonizing fixture's readiness asks for its tree next). Once per fixture,
     * and never for one being stopped (its stop judged the launcher already, see {@link #judgeExitedLauncher}).
     */
    synchronized void launcherExited(OwnedTree fixture) {
        if (fixture.stopping || exitedLaunchers.containsKey(fixture.key) || fixtures.get(fixture.key) != fixture) {
            return;
        }
        noSpawnRegistering.accept(() -> judge(fixture));
    }

    private void judge(OwnedTree fixture) {
        ProcessTable table = inspector.snapshot();
        long leaderStart = fixture.leader().startTime();
        long end = Math.max(leaderStart, newestStart(table));
        exitedLaunchers.put(fixture.key, new Launch(fixture.key, leaderStart, end));
        fixture.settle(end); // other builds read it in the ledger: whatever it left started before this
        fixture.membership.claimGroupOfReapedLeader(table);
        claim(table, fixtures, claimed(table));
        ledgerChanged.run(); // what it just claimed: the periodic look no longer counts it as new
    }

    /**
     * The fixture's tree is about to be read (for a stop, or the owner's question who its members are): a
     * launcher that already exited is judged first, so its daemons are members when the tree is read. The owner
     * may see the launcher gone (and ask) before the reaper thread has judged it; this waits for a judgement in
     * progress or makes it here.
     */
    synchronized void judgeExitedLauncher(OwnedTree fixture) {
        if (!inspector.isRunning(fixture.leader())) {
            launcherExited(fixture);
        }
    }

    /**
     * Whatever was forked by now is in the table, so its newest start bounds their starts. A clock read would not
     * do: the JDK's start times may run up to a second behind it (boot time in whole seconds).
     */
    private static long newestStart(ProcessTable table) {
        return table.all().stream().mapToLong(ProcessInfo::startTime).max().orElse(0L);
    }

    /** Remembers the unique id of every member seen alive (macOS), so an orphan can later name its maker. */
    void rememberForkParents() {
        forkParents.ifPresent(parents -> fixtures.values().forEach(f -> parents.remember(f.key, f.membership.known())));
    }

    /** The fixture stopped: a notice naming the orphans of its life that nobody could claim, if any. */
    synchronized Optional<String> stopped(OwnedTree fixture) {
        exitedLaunchers.remove(fixture.key);
        forkParents.ifPresent(parents -> parents.forget(fixture.key));
        ProcessTable table = inspector.snapshot();
        List<ProcessInfo> strays = unclaimed(table, fixture.leader().startTime(), claimed(table));
        if (strays.isEmpty()) {
            return Optional.empty();
        }
        String named = strays.stream()
                .map(p -> p.pid() + " " + inspector.commandLine(p.pid()))
                .collect(Collectors.joining(", "));
        return Optional.of(SupervisorMessages.couldNotBeAttributed(fixture.key, named, backend));
    }

    private Set<Integer> claimed(ProcessTable table) {
        Set<Integer> pids = new HashSet<>();
        for (OwnedTree fixture : fixtures.values()) {
            treeOf.apply(fixture).members(table).forEach(p -> pids.add(p.pid()));
        }
        return pids;
    }

    /**
     * The running fixture an orphan belongs to: the only one whose exited launcher lived when it started, unless
     * a rival may have made it just as well. A rival is a fixture launched before the orphan that was either
     * launched in the same stretch (between the judged launcher's start and the orphan's) or, for another build's,
     * still starting when the orphan started (its rival's {@code startingUntil}; see claim for which get one):
     * daemons are forked while their fixture starts, so a fixture whose start ended before is no rival.
     */
    static Optional<String> whose(ProcessInfo orphan, Collection<Launch> exited, Collection<Rival> rivals) {
        List<Launch> lived = exited.stream()
                .filter(launch -> launch.contains(orphan.startTime()))
                .toList();
        if (lived.size() != 1) {
            return Optional.empty();
        }
        long from = lived.get(0).start();
        boolean rival = rivals.stream()
                .anyMatch(other -> startedBefore(other.leader(), orphan.id())
                        && (from <= other.leader().startTime() || orphan.startTime() <= other.startingUntil()));
        return rival ? Optional.empty() : Optional.of(lived.get(0).key());
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

    /** Every live orphan of pid 1 of this user that started at or after {@code since} and nobody claims. */
    List<ProcessInfo> unclaimed(ProcessTable table, long since, Set<Integer> claimed) {
        List<ProcessInfo> found = new ArrayList<>();
        for (ProcessInfo process : table.childrenOf(INIT)) {
            if (!process.isDead()
                    && process.startTime() >= since
                    && !claimed.contains(process.pid())
                    && ownedByThisUser.test(process.pid())) {
                found.add(process);
            }
        }
        return found;
    }

    /** Claims each unclaimed orphan of pid 1 for the fixture whose launcher made it. */
    private void claim(ProcessTable table, Map<String, OwnedTree> fixtures, Set<Integer> claimed) {
        List<Launch> launches = List.copyOf(exitedLaunchers.values());
        if (launches.isEmpty()) {
            return;
        }
        long earliest = launches.stream().mapToLong(Launch::start).min().getAsLong();
        List<ProcessInfo> orphans = unclaimed(table, earliest, claimed);
        if (orphans.isEmpty()) {
            return;
        }
        // Rivals: this supervisor's fixtures still running their launcher, and every fixture another build of
        // this user has launched. One whose launcher still runs counts only when launched in the stretch, as
        // this build's own do: a server of another build starting at the same moment (CI runs builds side by side)
        // would otherwise leave every daemon of this build unattributed, and running. One whose launcher exited
        // (a daemonizer) counts for as long as its ledger says it was starting.
        List<Rival> rivals = new ArrayList<>();
        otherBuilds
                .get()
                .forEach(other -> rivals.add(
                        inspector.isRunning(other.leader()) ? Rival.launchedInTheStretchOnly(other.leader()) : other));
        fixtures.values().stream()
                .filter(fixture -> !exitedLaunchers.containsKey(fixture.key))
                .forEach(fixture -> rivals.add(
                        fixture.leaderStartRead
                                ? Rival.launchedInTheStretchOnly(fixture.leader())
                                : new Rival(fixture.leader(), Rival.STILL_STARTING)));
        for (ProcessInfo orphan : orphans) {
            Optional<OwnedTree> owner = forkParents
                    .flatMap(parents -> parents.treeOfParent(orphan.pid()))
                    .or(() -> whose(orphan, launches, rivals))
                    .map(fixtures::get);
            if (owner.isPresent()) {
                owner.get().membership.claim(orphan.id());
            }
        }
    }
}
