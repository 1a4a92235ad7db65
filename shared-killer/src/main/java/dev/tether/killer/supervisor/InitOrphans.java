package dev.tether.killer.supervisor;

import dev.tether.killer.platform.Backend;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.ProcessInspector;
import dev.tether.killer.process.ProcessTable;
import dev.tether.killer.state.CurrentUser;
import dev.tether.killer.supervisor.OrphanMakers.Launch;
import dev.tether.killer.supervisor.OrphanMakers.Rival;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
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
 * exactly one exited launcher of a running fixture is that fixture's; one that only this supervisor's fixtures
 * can have made, though not one alone, ends with the last of them ({@link UndecidedOrphans}); any other is never
 * signalled, only named at stop as "could not be attributed". Processes of pid 1 are a whole desktop's (a Mac's
 * launchd starts every app), so the rule claims only what started in those few milliseconds, and kills nothing by
 * itself.
 */
final class InitOrphans {
    private static final int INIT = 1;

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

    private final UndecidedOrphans undecided;

    InitOrphans(
            Map<String, OwnedTree> fixtures,
            ProcessInspector inspector,
            Function<OwnedTree, SupervisedTree> treeOf,
            Backend backend,
            Supplier<List<Rival>> otherBuilds,
            Runnable ledgerChanged,
            Consumer<Runnable> noSpawnRegistering,
            BiConsumer<ProcessInfo, String> endNow) {
        this.noSpawnRegistering = noSpawnRegistering;
        this.undecided = new UndecidedOrphans(fixtures, endNow);
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
        int orderedPid = fixture.leaderStartRead ? fixture.leader().pid() : 0; // a floor start orders nothing
        exitedLaunchers.put(fixture.key, new Launch(fixture.key, leaderStart, end, orderedPid));
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

    /**
     * Its owner found the fixture ready: whatever it made while starting started by now, so the ledger says so
     * before the owner lets other builds launch (see LaunchTurns). A server that keeps its launcher running is
     * otherwise a possible maker of every orphan another build judges, as long as it runs.
     */
    synchronized void startIsOver(OwnedTree fixture) {
        if (!fixture.stopping) {
            fixture.settle(newestStart(inspector.snapshot()));
            ledgerChanged.run();
        }
    }

    /** Remembers the unique id of every member seen alive (macOS), so an orphan can later name its maker. */
    void rememberForkParents() {
        forkParents.ifPresent(parents -> fixtures.values().forEach(f -> parents.remember(f.key, f.membership.known())));
    }

    /**
     * The fixture's stop begins: what its launcher left is judged first (its daemons are members when the tree is
     * read), then it takes the undecided orphans that no suspect still running could have made but itself. Under
     * this monitor, so no judgement interleaves (see {@link UndecidedOrphans}).
     */
    synchronized void stopBegins(OwnedTree fixture) {
        if (!fixture.launcherRanWhenStopBegan) {
            launcherExited(fixture);
        } else if (!fixture.isSettled()) {
            // Its start is over, in other builds' eyes too: once the stop killed its launcher, a ledger entry
            // without an end would make it a rival of every orphan another build judges while this stop waits
            // out a stubborn member's grace (seen as a daemon left running beside a slow stop). One found ready
            // keeps that end: moved to now, it made another build's daemon, launched meanwhile, ambiguous (seen in
            // CI: a test fork SIGKILLed, its supervisor stopping its ready server as the other fork daemonized).
            fixture.settle(newestStart(inspector.snapshot()));
            ledgerChanged.run();
        }
        fixture.stopping = true;
        undecided.stopBegan(fixture);
    }

    /**
     * After a stop during which the launcher was reaped: a child it forked as its TERM came was in no read of the
     * tree and is now pid 1's, still in the launcher's group. The group is the one the launcher made (its pid was
     * freed during this stop, and pids are handed out upwards, again only after a wrap), so what lives
     * in it is claimed. True when something alive was, to be stopped as well. Seen on the portable backend: a
     * shell loop's {@code sleep}, forked between the stop's read and its TERM, outlived the stop and was named.
     */
    synchronized boolean claimedWhatItsGroupKept(OwnedTree fixture) {
        return fixture.membership.claimGroupOfReapedLeader(inspector.snapshot());
    }

    /**
     * Orphans only this supervisor's fixtures can have made, though not one alone: ours, for the ledger. Not under
     * this monitor: the ledger writer asks while holding its lock, and a judgement holds this monitor and writes.
     */
    Set<ProcessId> undecidedIds() {
        return undecided.ids();
    }

    /** The fixture stopped: notices naming the orphans of its life that nobody could claim, if any. */
    synchronized List<String> stopped(OwnedTree fixture) {
        exitedLaunchers.remove(fixture.key);
        forkParents.ifPresent(parents -> parents.forget(fixture.key));
        ProcessTable table = inspector.snapshot();
        undecided.forgetDead(table);
        List<ProcessId> waiting = undecided.waitingBeyond(fixture);
        List<ProcessInfo> strays = unclaimed(table, fixture.leader().startTime(), claimed(table));
        strays.removeIf(stray -> waiting.contains(stray.id()));
        List<String> notices = new ArrayList<>();
        if (!waiting.isEmpty()) {
            notices.add("Fixture '" + fixture.key + "' stopped; "
                    + waiting.stream().map(id -> describe(id.pid())).collect(Collectors.joining(", "))
                    + " could not be attributed to one fixture (orphaned to pid 1 while it and others of this build"
                    + " were starting): stopped with the last of those, or with the owner");
        }
        if (!strays.isEmpty()) {
            String named = strays.stream().map(p -> describe(p.pid())).collect(Collectors.joining(", "));
            notices.add(SupervisorMessages.couldNotBeAttributed(fixture.key, named, backend));
        }
        return notices;
    }

    private String describe(int pid) {
        return pid + " " + inspector.commandLine(pid);
    }

    private Set<Integer> claimed(ProcessTable table) {
        Set<Integer> pids = new HashSet<>();
        for (OwnedTree fixture : fixtures.values()) {
            treeOf.apply(fixture).members(table).forEach(p -> pids.add(p.pid()));
        }
        return pids;
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
        // Rivals: this supervisor's fixtures not judged as exited launchers, and every fixture another build of
        // this user has launched, each when launched in the stretch or not yet finished starting when the orphan
        // started (launcher exited, found ready, or stopping; another build's as its ledger says). An orphan
        // several of this supervisor's fixtures could have made ends with the last of them; one another build's
        // could have made is never ended here (once it was: one build killed the other's daemon). Daemonizing
        // starts wait for other builds' starts to be over (see LaunchTurns), so a declared daemonizer never meets
        // one.
        List<Rival> rivals = new ArrayList<>(otherBuilds.get());
        fixtures.values().stream()
                .filter(fixture -> !exitedLaunchers.containsKey(fixture.key))
                .forEach(fixture -> rivals.add(Rival.ofThisSupervisor(
                        fixture.key,
                        fixture.leader(),
                        fixture.leaderStartRead ? fixture.startingUntil() : Rival.STILL_STARTING)));
        for (ProcessInfo orphan : orphans) {
            List<OwnedTree> makers = forkParents
                    .flatMap(parents -> parents.treeOfParent(orphan.pid()))
                    .map(Set::of)
                    .orElseGet(() -> OrphanMakers.suspects(orphan, launches, rivals))
                    .stream()
                    .map(fixtures::get)
                    .filter(Objects::nonNull)
                    .toList();
            if (makers.size() == 1) {
                makers.get(0).membership.claim(orphan.id());
                undecided.decided(orphan.id());
            } else if (makers.isEmpty()) {
                undecided.decided(orphan.id());
            } else {
                undecided.keep(orphan, makers);
            }
        }
    }
}
