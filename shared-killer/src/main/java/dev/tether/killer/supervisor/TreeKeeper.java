package dev.tether.killer.supervisor;

import dev.tether.killer.internal.posix.ChildExit;
import dev.tether.killer.internal.posix.NativePosix;
import dev.tether.killer.internal.posix.SpawnException;
import dev.tether.killer.internal.posix.SpawnRequest;
import dev.tether.killer.platform.Backend;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.ProcessInspector;
import dev.tether.killer.process.ProcessTable;
import dev.tether.killer.process.TreeMembership;
import dev.tether.killer.protocol.Message;
import dev.tether.killer.stop.Escalation;
import dev.tether.killer.stop.StopPolicy;
import dev.tether.killer.stop.StopReport;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The supervisor's state: the trees it owns, and what it does with them: spawn, stop, stop all when the owner is
 * gone. Every fixture is its child, and (Linux) it is the subreaper, so every escapee stays its descendant.
 */
final class TreeKeeper {
    /** How long after its spawn a tree counts as starting: the looks stay quick while trees start (see observe). */
    private static final long STARTING_NANOS = 10_000_000_000L;

    private final NativePosix posix;
    private final ProcessInspector inspector;
    private final Optional<Cgroups> cgroups;
    private final LedgerWriter ledger;
    private final Attribution attribution;
    private final Escapees escapees;
    private final OwnerChannel owner;
    private final ProcessId self;
    private final Map<String, OwnedTree> fixtures = new ConcurrentHashMap<>();
    private final Map<Integer, OwnedTree> byLeaderPid = new ConcurrentHashMap<>();
    private final ChildExits exits = new ChildExits();
    /** Present without a subreaper: what a launcher leaves at pid 1 is weighed there. */
    private final Optional<InitOrphans> initOrphans;

    private final SecondLook secondLook;
    private final Object childArrived = new Object();

    TreeKeeper(
            NativePosix posix,
            ProcessInspector inspector,
            Optional<Cgroups> cgroups,
            Ledger ledger,
            OwnerChannel owner,
            ProcessId self,
            Optional<Backend> backendWithoutSubreaper) {
        this.posix = posix;
        this.inspector = inspector;
        this.cgroups = cgroups;
        this.owner = owner;
        this.self = self;
        this.escapees = new Escapees(posix, inspector, cgroups, owner, self, this::describeExit);
        this.ledger = new LedgerWriter(
                ledger, owner, fixtures::values, this::unclaimedIds, backendWithoutSubreaper.isPresent());
        this.attribution = new Attribution(
                fixtures, byLeaderPid, inspector, self, cgroups.isPresent(), this::tree, escapees, this.ledger::write);
        this.initOrphans = backendWithoutSubreaper.map(backend -> new InitOrphans(
                fixtures,
                inspector,
                this::tree,
                backend,
                ledger::rivalsOfOtherSupervisors,
                this.ledger::write,
                attribution::whileNoSpawnRegisters,
                escapees::end));
        this.secondLook = new SecondLook(this::tree, initOrphans, attribution::nothingLeftOf);
    }

    OwnedTree spawn(SpawnOrder order, Consumer<OwnedTree> announce) throws SpawnException, IOException {
        if (fixtures.containsKey(order.key())) {
            throw new SpawnException(SupervisorMessages.alreadyRunning(order.key()));
        }
        String cookie = UUID.randomUUID().toString();
        Files.createDirectories(order.logFile().toAbsolutePath().getParent());
        SpawnRequest request = order.nativeRequest(cookie);
        // without a subreaper other builds judge pid 1's orphans by the launch's line, so it goes first
        initOrphans.ifPresent(orphans -> ledger.launching(order.key(), inspector.startTimeFloor()));
        attribution.spawnLock().lock();
        OwnedTree fixture;
        try {
            fixture = spawnAndRegister(order, request, cookie);
        } catch (SpawnException | IOException | RuntimeException | Error e) {
            ledger.launched(order.key()); // the ledger without the launch that failed
            throw e;
        } finally {
            attribution.spawnLock().unlock();
        }
        announce.accept(fixture); // before the ledger line is written: the answer does not wait for the file
        initOrphans.ifPresent(InitOrphans::rememberForkParents); // the launcher, before it can exit
        synchronized (childArrived) {
            childArrived.notifyAll();
        }
        ledger.launched(order.key()); // after the answer: a file write off its path (see announce)
        exits.since(fixture.leader().pid(), fixture.spawnedAtNanos).ifPresent(exit -> leaderExited(fixture, exit));
        return fixture;
    }

    private OwnedTree spawnAndRegister(SpawnOrder order, SpawnRequest request, String cookie)
            throws SpawnException, IOException {
        long floor = inspector.startTimeFloor();
        long spawnedAt = System.nanoTime();
        LeaderSpawn spawned = LeaderSpawn.of(posix, cgroups, request);
        int pid = spawned.pid();
        // A command that exits at once may be reaped before we read it: the floor is still a safe identity, and
        // the fixture then counts as a rival of every orphan of pid 1 (see InitOrphans).
        Optional<Long> read = inspector.process(pid).map(ProcessInfo::startTime);
        TreeMembership membership = new TreeMembership(new ProcessId(pid, read.orElse(floor)), cookie, List.of());
        OwnedTree fixture =
                new OwnedTree(order.key(), membership, spawned.cgroup(), order.policy(), spawnedAt, order.logFile());
        fixture.leaderStartRead = read.isPresent();
        attribution.started(order.key(), membership.leader().startTime());
        fixtures.put(order.key(), fixture);
        byLeaderPid.put(pid, fixture);
        return fixture;
    }

    /** The reaper: waits for every child (fixtures and adopted orphans) so no zombie lingers. */
    void reapForever() {
        while (true) {
            Optional<ChildExit> exit = posix.reapChild(true);
            if (exit.isEmpty()) {
                synchronized (childArrived) {
                    try {
                        // Orphans arrive unannounced; with nothing kept none can, so sleep until a spawn notifies.
                        childArrived.wait(keepsAnything() ? 20 : 0);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                continue;
            }
            exits.record(exit.get());
            attribution.reaped(exit.get().pid());
            OwnedTree fixture = byLeaderPid.get(exit.get().pid());
            if (fixture != null) {
                leaderExited(fixture, exit.get());
                // record its daemons before a crash strands them; not during its stop, which ends what it left
                if (!fixture.stopping) {
                    attribution.observe();
                }
            }
        }
    }

    /** Without a subreaper, what the launcher left is claimed before its exit is reported (readiness asks next). */
    private void leaderExited(OwnedTree fixture, ChildExit exit) {
        initOrphans.ifPresent(orphans -> orphans.launcherExited(fixture));
        if (fixture.claimExitReport()) {
            owner.send(new Message.Exited(
                    fixture.key,
                    exit.pid(),
                    exit.exitedNormally() ? exit.exitCode() : -1,
                    exit.exitedNormally() ? 0 : exit.terminatingSignal(),
                    fixture.cgroup
                            .map(c -> Cgroups.holdsNothingBut(c, self.pid()))
                            .orElseGet(() -> secondLook.nothingLeftOf(fixture))));
        }
    }

    /** The running trees (their log files for the {@link LogCap}, their members for process events). */
    Collection<OwnedTree> trees() {
        return fixtures.values();
    }

    Optional<OwnedTree> fixture(String key) {
        return Optional.ofNullable(fixtures.get(key));
    }

    /** TERM, grace, KILL on the tree as fast as its members can be read (inside its cgroup when it has one). */
    StopReport stop(OwnedTree fixture, StopPolicy policy) throws InterruptedException {
        attribution.attributeAdopteesIfAny();
        fixture.beginStop(inspector, initOrphans);
        StopReport report = Escalation.realTime(policy).run(fixture.key, tree(fixture));
        report = secondLook.after(fixture, policy, report, inspector::snapshot);
        forget(fixture);
        return report;
    }

    /** The tree is stopped: it leaves the books, and what it may have left behind is judged. */
    private void forget(OwnedTree fixture) {
        fixtures.remove(fixture.key, fixture);
        byLeaderPid.remove(fixture.leader().pid(), fixture);
        // Anything of this tree was forked before now: the end of its life, for judging later adoptees.
        attribution.stopped(fixture, inspector.startTimeCeiling()).ifPresent(owner::notice);
        initOrphans.ifPresent(orphans -> orphans.stopped(fixture).forEach(owner::notice));
        fixture.cgroup.ifPresent(Cgroups::removeLater);
        if (attribution.hasUnclaimed()) {
            // ends adoptees whose last candidate was this fixture; the stop decided every suspicion when it began
            attribution.attributeAdopteesWithoutWaiting();
        }
        ledger.forget(fixture);
    }

    /** Every process the subreaper adopted is a running tree's (one read of its children; false without one). */
    boolean everyAdopteeClaimed() {
        return attribution.everyAdopteeClaimed();
    }

    /** Live processes below the supervisor (the subreaper) that no fixture claims: escapees, to be ended. */
    List<ProcessInfo> unclaimed() {
        return attribution.unclaimedBelowSupervisor();
    }

    /** Its owner found it ready: other builds no longer weigh their orphans against it (see InitOrphans). */
    void startIsOver(OwnedTree fixture) {
        initOrphans.ifPresent(orphans -> orphans.startIsOver(fixture));
    }

    List<ProcessInfo> members(OwnedTree fixture) {
        initOrphans.ifPresent(orphans -> orphans.judgeExitedLauncher(fixture)); // what its launcher left, judged
        attribution.attributeAdopteesIfAny();
        return new ArrayList<>(tree(fixture).members());
    }

    SupervisedTree tree(OwnedTree fixture) {
        return new SupervisedTree(
                fixture.membership, fixture.cgroup, cgroups, inspector, posix, Set.of(self.pid()), this::describeExit);
    }

    private String describeExit(ProcessInfo member) {
        return exits.describeMember(member, self.pid());
    }

    /** Stops every tree, in parallel, then anything still below the supervisor: the owner is gone or done. */
    List<StopReport> stopAll() {
        if (cgroups.isEmpty()) {
            attribution.attributeAdopteesWithoutWaiting(); // once for all trees, not once per tree in parallel
        } // with cgroups each tree's cgroup holds its adoptees; strays die with the remaining descendants below
        List<OwnedTree> trees = List.copyOf(fixtures.values());
        Map<OwnedTree, Set<ProcessId>> sentFirstSignal =
                EarlySignal.beginStops(trees, inspector, initOrphans, posix, self.pid());
        // Signals first, every tree at once; the slow whole-table look for strays only after all of them.
        List<CompletableFuture<StopReport>> escalations = OwnThreads.startEach(
                trees,
                "tether-stop-all",
                fixture -> Escalation.realTime(fixture.policy)
                        .run(fixture.key, tree(fixture), sentFirstSignal.get(fixture)));
        Supplier<ProcessTable> table = new OneSnapshot(inspector);
        List<StopReport> reports = new ArrayList<>();
        for (int i = 0; i < trees.size(); i++) {
            try {
                reports.add(secondLook.after(
                        trees.get(i), trees.get(i).policy, escalations.get(i).join(), table));
            } catch (RuntimeException e) {
                owner.notice("stopping a fixture failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                owner.notice("stopping fixture '" + trees.get(i).key + "' was interrupted");
            } finally {
                forget(trees.get(i));
            }
        }
        escapees.killAllBelow();
        ledger.delete();
        return reports;
    }

    /**
     * Periodic look: remembers every member seen (a daemon found through its parent stays found after re-parenting),
     * attributes adopted orphans, keeps the ledger current. True while busy (a process was created since the last
     * look and a tree spawned in the last 10 s): 4 looks a second on a busy machine cost 1.5-4.6% CPU when idle.
     */
    boolean observe() {
        boolean looked = keepsAnything() && attribution.observe();
        initOrphans.ifPresent(InitOrphans::rememberForkParents); // while the members it just saw are alive
        long now = System.nanoTime();
        return looked && fixtures.values().stream().anyMatch(f -> now - f.spawnedAtNanos < STARTING_NANOS);
    }

    /** Whether any tree or unclaimed adoptee is kept: without one no process can arrive or need a look. */
    boolean keepsAnything() {
        return !fixtures.isEmpty() || attribution.hasUnclaimed();
    }

    /** Orphans ours but no tree's: a reaper of this supervisor's remains ends them (see LedgerSweeper). */
    private Set<ProcessId> unclaimedIds() {
        Set<ProcessId> ids = new HashSet<>(attribution.unclaimedIds());
        initOrphans.ifPresent(orphans -> ids.addAll(orphans.undecidedIds()));
        return ids;
    }
}
