package dev.tether.killer.supervisor;

import dev.tether.killer.internal.posix.NativePosix;
import dev.tether.killer.internal.posix.NativePosix.ChildExit;
import dev.tether.killer.internal.posix.SpawnException;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.ProcessInspector;
import dev.tether.killer.process.ProcessTable;
import dev.tether.killer.process.Signal;
import dev.tether.killer.process.TreeMembership;
import dev.tether.killer.protocol.Codec;
import dev.tether.killer.protocol.Message;
import dev.tether.killer.stop.Escalation;
import dev.tether.killer.stop.ProcessOutcome;
import dev.tether.killer.stop.StopPolicy;
import dev.tether.killer.stop.StopReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;

/**
 * The supervisor's state: the trees it owns, and the three things it does with them: spawn, stop, and stop
 * everything when the owner is gone. Every fixture is its child, and (Linux) it is the subreaper, so every
 * escapee stays its descendant.
 */
final class TreeKeeper {
    /** How an escapee that no tree claims is ended: it is ours (the subreaper's child), so it is stopped. */
    private static final StopPolicy ESCAPEE_POLICY = StopPolicy.gracefulThenKill(Signal.TERM, Duration.ofSeconds(2));

    private final NativePosix posix;
    private final ProcessInspector inspector;
    private final Optional<Cgroups> cgroups;
    private final Ledger ledger;
    private final OwnerChannel owner;
    private final ProcessId self;
    private final Map<String, OwnedTree> fixtures = new ConcurrentHashMap<>();
    private final Map<Integer, OwnedTree> byLeaderPid = new ConcurrentHashMap<>();
    private final ChildExits exits = new ChildExits();
    private final Adoptions adoptions = new Adoptions();
    /**
     * Spawns hold it shared from the spawn until the new leader is registered; attribution holds it exclusively.
     * Between the two, a fresh leader is a child of this process that no fixture knows yet: attribution would
     * take it for an adopted orphan and give it (and by ancestry its whole tree) to another fixture. Seen
     * without cgroups: a daemonizing fixture's stop TERMed the next fixture's wrapper chain.
     */
    private final ReentrantReadWriteLock spawnRegistration = new ReentrantReadWriteLock();
    /** Adopted orphans that several running fixtures could have made, with those fixtures' keys. */
    private final Map<ProcessId, List<String>> unclaimed = new ConcurrentHashMap<>();
    /**
     * Our children already claimed by a running fixture (pid to its key). They stay our children until the
     * reaper collects them, so the pid cannot name anyone else meanwhile: no need to judge them again while that
     * fixture runs. Its stop forgets them, so one that survives the stop is judged as a late escapee.
     */
    private final Map<Integer, String> claimedChildren = new ConcurrentHashMap<>();

    private final Object childArrived = new Object();
    /** Set once every tree is stopped and the ledger removed (guarded by this). */
    private boolean ledgerDeleted;
    /** Rewrites the ledger off the stop's path; one thread, so writes happen in order. */
    private final ExecutorService ledgerWriter = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tether-ledger-writer");
        thread.setDaemon(true);
        return thread;
    });

    TreeKeeper(
            NativePosix posix,
            ProcessInspector inspector,
            Optional<Cgroups> cgroups,
            Ledger ledger,
            OwnerChannel owner,
            ProcessId self) {
        this.posix = posix;
        this.inspector = inspector;
        this.cgroups = cgroups;
        this.ledger = ledger;
        this.owner = owner;
        this.self = self;
    }

    /** What the owner asks to run. */
    record SpawnOrder(
            String key,
            String executable,
            List<String> argv,
            Map<String, String> environment,
            Path workingDirectory,
            Path logFile,
            StopPolicy policy) {}

    OwnedTree spawn(SpawnOrder order) throws SpawnException, IOException {
        if (fixtures.containsKey(order.key())) {
            throw new SpawnException("A fixture with id '" + order.key()
                    + "' is already running in this supervisor. Give each fixture a unique id.");
        }
        String cookie = UUID.randomUUID().toString();
        Map<String, String> environment = new LinkedHashMap<>(System.getenv());
        environment.remove(Codec.SUPERVISOR_VARIABLE);
        environment.putAll(order.environment());
        environment.put(TreeMembership.COOKIE_VARIABLE, cookie);
        List<String> envp = new ArrayList<>();
        environment.forEach((k, v) -> envp.add(k + "=" + v));
        Files.createDirectories(order.logFile().toAbsolutePath().getParent());
        NativePosix.SpawnRequest request = new NativePosix.SpawnRequest(
                order.executable(), order.argv(), envp, order.workingDirectory(), order.logFile());

        spawnRegistration.readLock().lock();
        OwnedTree fixture;
        try {
            fixture = spawnAndRegister(order, request, cookie);
        } finally {
            spawnRegistration.readLock().unlock();
        }
        writeLedger();
        synchronized (childArrived) {
            childArrived.notifyAll();
        }
        exits.since(fixture.leader().pid(), fixture.spawnedAtNanos).ifPresent(exit -> reportLeaderExit(fixture, exit));
        return fixture;
    }

    private OwnedTree spawnAndRegister(SpawnOrder order, NativePosix.SpawnRequest request, String cookie)
            throws SpawnException, IOException {
        Optional<Path> cgroup = Optional.empty();
        long floor = inspector.startTimeFloor();
        long spawnedAt = System.nanoTime();
        int pid;
        if (cgroups.isPresent()) {
            Cgroups.Born<Integer> born;
            try {
                born = cgroups.get().spawnInFreshCgroup(() -> posix.spawn(request));
            } catch (SpawnException | IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e.getMessage(), e);
            }
            pid = born.result();
            cgroup = Optional.of(born.cgroup());
        } else {
            pid = posix.spawn(request);
        }
        // A command that exits at once may be reaped before we read it: the floor is still a safe identity.
        long startTime = inspector.process(pid).map(ProcessInfo::startTime).orElse(floor);
        TreeMembership membership = new TreeMembership(new ProcessId(pid, startTime), cookie, List.of());
        OwnedTree fixture = new OwnedTree(order.key(), membership, cgroup, order.policy(), spawnedAt, order.logFile());
        adoptions.started(order.key(), startTime);
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
                        childArrived.wait(20); // adopted orphans arrive unannounced: look again soon
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                continue;
            }
            exits.record(exit.get());
            claimedChildren.remove(exit.get().pid());
            OwnedTree fixture = byLeaderPid.get(exit.get().pid());
            if (fixture != null) {
                reportLeaderExit(fixture, exit.get());
                // A launcher that exits leaves its daemons to the subreaper at this very moment: attribute them
                // and record them in the ledger now, so not even a crash right after can strand them. Not while
                // its stop runs: that stop ends whatever it left, and would only compete for the CPU.
                if (!fixture.stopping) {
                    observe();
                }
            }
        }
    }

    private void reportLeaderExit(OwnedTree fixture, ChildExit exit) {
        if (fixture.claimExitReport()) {
            owner.send(new Message.Exited(
                    fixture.key,
                    exit.pid(),
                    exit.exitedNormally() ? exit.exitCode() : -1,
                    exit.exitedNormally() ? 0 : exit.terminatingSignal()));
        }
    }

    /** The log files of the running fixtures, for the {@link LogCap}. */
    List<Path> logFiles() {
        return fixtures.values().stream().map(f -> f.logFile).toList();
    }

    Optional<OwnedTree> fixture(String key) {
        return Optional.ofNullable(fixtures.get(key));
    }

    StopReport stop(OwnedTree fixture, StopPolicy policy) throws InterruptedException {
        attributeAdopteesIfAny();
        return stopAttributed(fixture, policy);
    }

    /** Stops a tree whose adoptees are attributed already. */
    private StopReport stopAttributed(OwnedTree fixture, StopPolicy policy) throws InterruptedException {
        fixture.stopping = true;
        StopReport report = Escalation.realTime(policy).run(fixture.key, tree(fixture));
        SupervisedTree everywhere = tree(fixture).withoutCgroupShortcut();
        if (fixture.cgroup.isPresent() && !everywhere.aliveMembers().isEmpty()) {
            // Part of the tree lives outside its cgroup (moved out by a privileged tool): the whole table finds it
            // by group, ancestry or cookie, and it is stopped the same way.
            report = merge(report, Escalation.realTime(policy).run(fixture.key, everywhere));
        }
        fixtures.remove(fixture.key, fixture);
        byLeaderPid.remove(fixture.leader().pid(), fixture);
        claimedChildren.values().removeIf(fixture.key::equals); // a survivor is judged again, as a late escapee
        // Anything of this tree was forked before now: the end of its life, for judging later adoptees.
        adoptions.stopped(fixture.key, fixture.leader().startTime(), inspector.startTimeFloor() + 2);
        List<ProcessId> undecided = unclaimed.entrySet().stream()
                .filter(e -> e.getValue().contains(fixture.key))
                .map(Map.Entry::getKey)
                .toList();
        if (!undecided.isEmpty()) {
            owner.notice("Fixture '" + fixture.key + "' stopped; " + describe(undecided) + " could not be attributed"
                    + " (adopted while other fixtures ran too: " + unclaimed.get(undecided.get(0))
                    + "); stopped with the last of those fixtures, or with the owner");
        }
        fixture.cgroup.ifPresent(Cgroups::removeLater);
        if (!unclaimed.isEmpty()) {
            attributeAdopteesNow(); // ends adoptees whose last candidate was this fixture
        }
        // After the reply: a ledger that still lists the dead tree costs the next sweep one identity check each.
        ledgerWriter.execute(this::writeLedger);
        return report;
    }

    /**
     * Live processes below the supervisor that no fixture claims: escapees that left their group, cgroup and
     * environment behind. The subreaper still holds them, so they can be found and ended.
     */
    List<ProcessInfo> unclaimed() {
        attributeAdopteesNow();
        ProcessTable table = inspector.snapshot();
        Set<Integer> claimed = new HashSet<>();
        for (OwnedTree fixture : fixtures.values()) {
            tree(fixture).members(table).forEach(p -> claimed.add(p.pid()));
        }
        List<ProcessInfo> escaped = new ArrayList<>();
        for (ProcessInfo process : table.withDescendants(List.of(self.pid()))) {
            if (process.pid() != self.pid() && !process.isDead() && !claimed.contains(process.pid())) {
                escaped.add(process);
            }
        }
        return escaped;
    }

    List<ProcessInfo> members(OwnedTree fixture) {
        attributeAdopteesIfAny();
        return new ArrayList<>(tree(fixture).members());
    }

    private static StopReport merge(StopReport first, StopReport second) {
        List<ProcessOutcome> ended = new ArrayList<>(first.ended());
        ended.addAll(second.ended());
        return new StopReport(
                first.fixture(), ended, second.survivors(), first.took().plus(second.took()));
    }

    SupervisedTree tree(OwnedTree fixture) {
        return new SupervisedTree(
                fixture.membership, fixture.cgroup, cgroups, inspector, posix, Set.of(self.pid()), this::describeExit);
    }

    /** Our own children are reaped here, so their exit is known; others were reaped by their own parent. */
    private String describeExit(ProcessInfo member) {
        return member.ppid() == self.pid() ? exits.describeChild(member.pid(), 200) : exits.describe(member.pid());
    }

    /**
     * Stops every tree with its own policy, in parallel, then kills anything still below the supervisor (the
     * subreaper catches escapees no fixture claimed). Called when the owner is gone or asks to shut down.
     */
    List<StopReport> stopAll() {
        if (cgroups.isEmpty()) {
            attributeAdopteesNow(); // once for all trees, not once per tree in parallel
        } // with cgroups each tree's cgroup holds its adoptees; strays die with the remaining descendants below
        List<CompletableFuture<StopReport>> stops = new ArrayList<>();
        for (OwnedTree fixture : List.copyOf(fixtures.values())) {
            stops.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return stopAttributed(fixture, fixture.policy);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<StopReport> reports = new ArrayList<>();
        for (CompletableFuture<StopReport> stop : stops) {
            try {
                reports.add(stop.join());
            } catch (RuntimeException e) {
                owner.notice("stopping a fixture failed: " + e);
            }
        }
        killRemainingDescendants();
        deleteLedger();
        return reports;
    }

    private void killRemainingDescendants() {
        ProcessTable table = inspector.snapshot();
        Set<ProcessInfo> below = new HashSet<>(table.withDescendants(List.of(self.pid())));
        below.removeIf(p -> p.pid() == self.pid() || p.isDead());
        for (ProcessInfo orphan : below) {
            owner.notice("killing unclaimed descendant " + orphan.pid() + " " + inspector.commandLine(orphan.pid()));
            signalIfStill(orphan.id(), Signal.KILL);
        }
    }

    /** Signals a process only if its pid still names the same process (start time), right before the syscall. */
    private void signalIfStill(ProcessId id, Signal signal) {
        if (inspector.isRunning(id)) {
            posix.signal(id.pid(), signal.number());
        }
    }

    /**
     * Periodic look at the trees: remembers every member seen (a daemon found through its parent stays found
     * after re-parenting), attributes adopted orphans, and keeps the ledger current.
     */
    void observe() {
        if (fixtures.isEmpty() && unclaimed.isEmpty()) {
            return;
        }
        if (cgroups.isPresent()) {
            attributeAdopteesIfAny(); // the cgroup remembers every member; only adoptees need a look
        } else {
            attributeAdopteesNow(); // the snapshot is also what remembers ancestry
        }
    }

    /**
     * The full attribution needs a snapshot of the whole table (tens of ms with cookies to read); most of the
     * time the supervisor's children are its fixtures' leaders and orphans claimed before, which one cheap read
     * of its children list shows.
     */
    private void attributeAdopteesIfAny() {
        Optional<Set<Integer>> children = inspector.childrenOfMainThread(self.pid());
        boolean nothingNew = children.isPresent()
                && unclaimed.isEmpty()
                && children.get().stream()
                        .allMatch(pid -> byLeaderPid.containsKey(pid) || claimedChildren.containsKey(pid));
        if (!nothingNew) {
            attributeAdopteesNow();
        }
    }

    /**
     * Decides, for every orphan the subreaper adopted that no tree claims by cgroup, group, cookie or ancestry,
     * whose it is (see {@link Adoptions}): claimed by its fixture, or ended as a late escapee, or kept as
     * unclaimed while several running fixtures could have made it.
     */
    /**
     * Reads the table and judges it with no spawn in between: every fixture registered is in the table (its
     * leader, or the loss of it), and every child of this process in the table is either a registered leader or
     * an adoptee. A spawn during the read (tens of ms) once made a launcher that had already exited look like no
     * evidence at all, and its daemon went to the other candidate.
     */
    private synchronized void attributeAdopteesNow() {
        spawnRegistration.writeLock().lock();
        try {
            attributeAdoptees(inspector.snapshot());
        } finally {
            spawnRegistration.writeLock().unlock();
        }
    }

    private void attributeAdoptees(ProcessTable table) {
        Map<Integer, String> claimed = new HashMap<>();
        int knownBefore = 0;
        int knownAfter = 0;
        long now = inspector.startTimeFloor() + 2;
        for (OwnedTree fixture : fixtures.values()) {
            knownBefore += fixture.membership.known().size();
            tree(fixture).members(table).forEach(p -> claimed.put(p.pid(), fixture.key));
            Set<ProcessId> known = fixture.membership.known();
            knownAfter += known.size();
            // Evidence for the adoptees judged below: only a parent's death makes an orphan.
            if (fixture.noticeLosses(known, table)) {
                adoptions.lost(fixture.key, fixture.leader().startTime(), now);
            }
        }
        boolean changed = knownAfter != knownBefore;
        for (ProcessInfo adoptee : table.childrenOf(self.pid())) {
            if (claimed.containsKey(adoptee.pid())) {
                claimedChildren.put(adoptee.pid(), claimed.get(adoptee.pid())); // by cgroup, group, cookie, ancestry
                continue;
            }
            if (adoptee.isDead() || byLeaderPid.containsKey(adoptee.pid())) {
                continue;
            }
            Adoptions.Verdict verdict = adoptions.judge(adoptee);
            if (verdict instanceof Adoptions.Claim claim && fixtures.containsKey(claim.key())) {
                fixtures.get(claim.key()).membership.claim(adoptee.id());
                claimedChildren.put(adoptee.pid(), claim.key());
                unclaimed.remove(adoptee.id());
                changed = true;
            } else if (verdict instanceof Adoptions.Ambiguous ambiguous) {
                changed |= !ambiguous
                        .runningCandidates()
                        .equals(unclaimed.put(adoptee.id(), ambiguous.runningCandidates()));
            } else {
                String why = verdict instanceof Adoptions.LateEscapee late
                        ? "it escaped the stop of fixture '" + late.key() + "'"
                        : "every fixture that could have started it has stopped";
                endEscapee(adoptee, why);
                changed |= unclaimed.remove(adoptee.id()) != null;
            }
        }
        changed |= unclaimed.keySet().removeIf(id -> !table.isAlive(id));
        if (changed) {
            writeLedger();
        }
    }

    /** Stops an adopted orphan and whatever it started, in the background; the owner hears of it. */
    private void endEscapee(ProcessInfo adoptee, String why) {
        owner.notice("Stopping " + adoptee.pid() + " " + inspector.commandLine(adoptee.pid()) + ": " + why);
        SupervisedTree tree = new SupervisedTree(
                TreeMembership.ofOneProcess(adoptee.id()),
                Optional.empty(),
                cgroups,
                inspector,
                posix,
                Set.of(self.pid()),
                this::describeExit);
        CompletableFuture.runAsync(() -> {
            try {
                Escalation.realTime(ESCAPEE_POLICY).run("escapee " + adoptee.pid(), tree);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private String describe(List<ProcessId> ids) {
        return ids.stream()
                .map(id -> id.pid() + " " + inspector.commandLine(id.pid()))
                .collect(Collectors.joining(", "));
    }

    private synchronized void deleteLedger() {
        ledgerDeleted = true;
        ledger.delete();
    }

    /**
     * Rewrites the ledger before the owner hears of a spawn: a tree the ledger does not list could not be
     * found again if owner and supervisor both crashed right after starting it.
     */
    private synchronized void writeLedger() {
        if (ledgerDeleted) {
            return; // everything is stopped: a late write must not bring back a ledger of nothing
        }
        try {
            ledger.write(fixtures.values().stream().map(OwnedTree::ledgerEntry).toList(), unclaimed.keySet());
        } catch (IOException e) {
            owner.notice("cannot write the ledger " + ledger.file() + ": " + e.getMessage()
                    + "; a crash of this build could not be cleaned up by the next one");
        }
    }
}
