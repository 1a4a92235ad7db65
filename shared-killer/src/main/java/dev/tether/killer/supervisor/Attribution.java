package dev.tether.killer.supervisor;

import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.ProcessInspector;
import dev.tether.killer.process.ProcessTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whose is each orphan the subreaper adopts: claimed by the running tree it belongs to (cgroup, group, cookie,
 * ancestry, or the evidence {@link Adoptions} weighs), ended as a late escapee, or kept unclaimed while several
 * running trees could have made it. Without cgroups this is also what remembers ancestry across re-parenting.
 */
final class Attribution {
    private final Map<String, OwnedTree> fixtures;
    private final Map<Integer, OwnedTree> byLeaderPid;
    private final ProcessInspector inspector;
    private final ProcessId self;
    private final boolean byCgroup;
    private final Function<OwnedTree, SupervisedTree> treeOf;
    private final Escapees escapees;
    private final Runnable ledgerChanged;
    private final Adoptions adoptions = new Adoptions();
    private final QuietTrees quietTrees;
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
    /** Verdicts by suspicion, acted on only once the losses of the same instant had time to be seen. */
    private final Suspicions suspicions = new Suspicions();
    /** Whether a process may have been made since a look saw them all: an idle supervisor skips its looks. */
    private final NewProcesses newProcesses = new NewProcesses();

    Attribution(
            Map<String, OwnedTree> fixtures,
            Map<Integer, OwnedTree> byLeaderPid,
            ProcessInspector inspector,
            ProcessId self,
            boolean byCgroup,
            Function<OwnedTree, SupervisedTree> treeOf,
            Escapees escapees,
            Runnable ledgerChanged) {
        this.fixtures = fixtures;
        this.byLeaderPid = byLeaderPid;
        this.inspector = inspector;
        this.self = self;
        this.byCgroup = byCgroup;
        this.treeOf = treeOf;
        this.escapees = escapees;
        this.ledgerChanged = ledgerChanged;
        this.quietTrees = new QuietTrees(inspector);
    }

    /** Held by a spawn until its leader is registered (see {@link #spawnRegistration}). */
    Lock spawnLock() {
        return spawnRegistration.readLock();
    }

    /** Runs {@code judgement} while no spawn is between its fork and its registration (see the lock's reason). */
    void whileNoSpawnRegisters(Runnable judgement) {
        spawnRegistration.writeLock().lock();
        try {
            judgement.run();
        } finally {
            spawnRegistration.writeLock().unlock();
        }
    }

    void started(String key, long startTime) {
        adoptions.started(key, startTime);
    }

    /** A child of ours was reaped: its pid may name someone else from now on. */
    void reaped(int pid) {
        claimedChildren.remove(pid);
    }

    /**
     * A tree stopped: its claimed children are judged again (a survivor as a late escapee), and anything of it
     * was forked before {@code now}. Returns a notice naming the unclaimed orphans it was one candidate for.
     */
    Optional<String> stopped(OwnedTree fixture, long now) {
        claimedChildren.values().removeIf(fixture.key::equals);
        adoptions.stopped(fixture.key, fixture.leader().startTime(), now);
        List<ProcessId> undecided = unclaimed.entrySet().stream()
                .filter(e -> e.getValue().contains(fixture.key))
                .map(Map.Entry::getKey)
                .toList();
        if (undecided.isEmpty()) {
            return Optional.empty();
        }
        String processes = undecided.stream()
                .map(id -> id.pid() + " " + inspector.commandLine(id.pid()))
                .collect(Collectors.joining(", "));
        return Optional.of(SupervisorMessages.undecidedAfterStop(
                fixture.key, processes, unclaimed.getOrDefault(undecided.get(0), List.of())));
    }

    boolean hasUnclaimed() {
        return !unclaimed.isEmpty();
    }

    Set<ProcessId> unclaimedIds() {
        return unclaimed.keySet();
    }

    /**
     * Periodic look at the trees: remembers every member seen (a daemon found through its parent stays found
     * after re-parenting), attributes adopted orphans, and keeps the ledger current.
     *
     * @return false when it could skip the look: no process was created since the last one
     */
    boolean observe() {
        if (!newProcesses.sinceLastLook(inspector.lastPid()) && !suspicions.any()) {
            return false; // every process alive was seen by an earlier look, and no suspicion waits
        }
        // with a cgroup, the cgroup remembers every member and only adoptees need a look; without one, the
        // snapshot is also what remembers ancestry and notices losses, needed only when the trees changed
        if (!everyAdopteeClaimed() || (!byCgroup && !quietTrees.unchanged(fixtures.values()))) {
            attributeAdoptees();
        }
        return true;
    }

    /**
     * The full attribution needs a snapshot of the whole table (tens of ms with cookies to read); most of the
     * time the supervisor's children are its fixtures' leaders and orphans claimed before, which one cheap read
     * of its children list shows. Waits for every suspicion to be decided: a stop or a question about members
     * needs the answer.
     */
    void attributeAdopteesIfAny() {
        if (!everyAdopteeClaimed()) {
            attributeAdopteesNow();
        }
    }

    /** Live processes below the supervisor (the subreaper) that no running tree claims: escapees, to be ended. */
    List<ProcessInfo> unclaimedBelowSupervisor() {
        if (everyAdopteeClaimed()) {
            return List.of(); // the common answer, without reading the whole table twice
        }
        attributeAdopteesNow();
        ProcessTable table = inspector.snapshot();
        Set<Integer> claimed = new HashSet<>();
        for (OwnedTree fixture : fixtures.values()) {
            treeOf.apply(fixture).members(table).forEach(p -> claimed.add(p.pid()));
        }
        List<ProcessInfo> escaped = new ArrayList<>();
        for (ProcessInfo process : table.withDescendants(List.of(self.pid()))) {
            if (process.pid() != self.pid() && !process.isDead() && !claimed.contains(process.pid())) {
                escaped.add(process);
            }
        }
        return escaped;
    }

    /**
     * True when every child of the supervisor's main thread (where the kernel puts every orphan it adopts) is a
     * running fixture's leader or an adoptee a running fixture claimed, and no adoptee is left unclaimed: then
     * nothing below the supervisor can be unclaimed, since whatever descends from a member is a member. One read
     * of the children list; false where it cannot be read.
     */
    boolean everyAdopteeClaimed() {
        return everyChildClaimedByOtherThan(null);
    }

    /**
     * Nothing of {@code fixture} is left: its leader is gone, and so its orphans are the subreaper's (listed on the
     * main thread, unlike the leaders the request thread spawns), none of them unclaimed or claimed by it.
     */
    boolean nothingLeftOf(OwnedTree fixture) {
        return !inspector.isRunning(fixture.leader()) && everyChildClaimedByOtherThan(fixture.key);
    }

    private boolean everyChildClaimedByOtherThan(String key) {
        Optional<Set<Integer>> children = inspector.childrenOfMainThread(self.pid());
        return children.isPresent()
                && unclaimed.isEmpty()
                && children.get().stream().allMatch(pid -> {
                    OwnedTree leaderOf = byLeaderPid.get(pid);
                    String claimer = leaderOf != null ? leaderOf.key : claimedChildren.get(pid);
                    return claimer != null && !claimer.equals(key);
                });
    }

    /**
     * Decides, for every orphan the subreaper adopted that no tree claims by cgroup, group, cookie or ancestry,
     * whose it is (see {@link Adoptions}): claimed by its fixture, or ended as a late escapee, or kept as
     * unclaimed while several running fixtures could have made it. Reads the table and judges it with no spawn
     * in between: every fixture registered is in the table (its
     * leader, or the loss of it), and every child of this process in the table is either a registered leader or
     * an adoptee. A spawn during the read (tens of ms) once made a launcher that had already exited look like no
     * evidence at all, and its daemon went to the other candidate. Waits for every suspicion to be decided (at
     * most {@link Suspicions#SETTLE_NANOS}, and only while several fixtures could have made an adoptee).
     */
    void attributeAdopteesNow() {
        attributeAdoptees();
        for (long wait = suspicions.nanosUntilSettled(); wait > 0; wait = suspicions.nanosUntilSettled()) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // the undecided stay unclaimed: ended with their last candidate, never with the wrong one
            }
            attributeAdoptees();
        }
    }

    /**
     * Where no answer waits on it: after a tree is forgotten (its stop decided every suspicion when it began), and
     * when every tree stops (what is left unclaimed ends with everything below the supervisor, and the owner's
     * death must not wait). A suspicion still settling stays unclaimed until a later look decides it.
     */
    void attributeAdopteesWithoutWaiting() {
        attributeAdoptees();
    }

    private synchronized void attributeAdoptees() {
        whileNoSpawnRegisters(() -> attributeAdoptees(inspector.snapshot()));
    }

    private void attributeAdoptees(ProcessTable table) {
        Map<Integer, String> claimed = new HashMap<>();
        int knownBefore = 0;
        int knownAfter = 0;
        long now = inspector.startTimeFloor() + 2;
        for (OwnedTree fixture : fixtures.values()) {
            knownBefore += fixture.membership.known().size();
            treeOf.apply(fixture).members(table).forEach(p -> claimed.put(p.pid(), fixture.key));
            Set<ProcessId> known = fixture.membership.known();
            knownAfter += known.size();
            // Evidence for the adoptees judged below: only a parent's death makes an orphan.
            if (fixture.noticeLosses(known, table)) {
                adoptions.lost(fixture.key, fixture.leader().startTime(), now, !table.isAlive(fixture.leader()));
            }
            fixture.forgetReapedLosses(table); // a tree that forks for ever (a polling helper) must not grow for ever
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
            Adoptions.Verdict verdict = suspicions.weigh(adoptee.id(), adoptions.judge(adoptee));
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
                escapees.end(adoptee, why);
                changed |= unclaimed.remove(adoptee.id()) != null;
            }
        }
        changed |= unclaimed.keySet().removeIf(id -> !table.isAlive(id));
        suspicions.forgetDead(table);
        if (changed) {
            ledgerChanged.run();
        }
    }
}
