package dev.tether.killer.client;

import dev.tether.killer.InvalidSpecException;
import dev.tether.killer.SupervisorException;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.protocol.Message;
import dev.tether.killer.state.StateDirectory;
import dev.tether.killer.stop.StopPolicy;
import dev.tether.killer.stop.StopReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The owner's handle on its supervisor process: spawn trees, stop them, list their members. Pure Java (JNA is
 * loaded only in the supervisor). When this JVM dies in any way, the supervisor sees its stdin close and stops
 * every tree; {@link #close()} does the same on purpose. Thread-safe.
 */
public final class ProcessSupervisor implements AutoCloseable {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** {@code -Dtether.cgroups=off}: do without cgroups even where they are writable (tests of that path). */
    public static final String CGROUPS_PROPERTY = "tether.cgroups";

    private static ProcessSupervisor shared;

    private final Process process;
    private final Path logFile;
    private final LaunchTurns turns;
    private final KnownTrees trees = new KnownTrees();

    private volatile boolean closing;

    private final Requests requests;
    private final SupervisorEvents events;

    private final ShutdownOrder shutdown = new ShutdownOrder(trees);

    ProcessSupervisor(Process process, Path logFile, Path ledgerDirectory) {
        this.process = process;
        this.logFile = logFile;
        SupervisorDeath death = new SupervisorDeath(process, logFile, ledgerDirectory, trees, () -> closing);
        this.requests = new Requests(process.getOutputStream(), process.pid(), logFile, death::died);
        this.events = new SupervisorEvents(process.getInputStream(), process.pid(), requests, death::pipeClosed);
        this.turns = new LaunchTurns(this, UserLaunchLock.in(ledgerDirectory), events.notices::announce);
        death.watch(events, turns);
        events.onExit(exit -> turns.startIsOver(exit.id())); // the supervisor settled it as it reaped the launcher
        events.start();
    }

    /** The supervisor of this JVM, started on first use and shut down (trees stopped) when the JVM exits. */
    public static synchronized ProcessSupervisor shared() {
        if (shared == null || !shared.process.isAlive()) {
            shared = launch();
            ProcessSupervisor mine = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> mine.shutdown.run(mine), "tether-shutdown"));
        }
        return shared;
    }

    /**
     * Runs {@code task} when the JVM shuts down, before this supervisor stops everything: JVM shutdown hooks run
     * in no order, so a caller that wants to stop and report its own trees first registers here.
     */
    public void beforeShutdown(Runnable task) {
        shutdown.add(task);
    }

    /**
     * This JVM is stopping the supervisor (its end, Ctrl-C, or a close): every tree ends with it from now on, so
     * an exit reported now is that stop's, not a crash.
     */
    public boolean isClosing() {
        return closing;
    }

    /** Shutdown without loading a class: Maven may have closed the plugin's class loader by then. */
    void closePipe() {
        closing = true;
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // it is going anyway
        }
    }

    /** Starts a new supervisor with the default ledger directory. Most callers want {@link #shared()}. */
    public static ProcessSupervisor launch() {
        return launch(defaultLedgerDirectory());
    }

    /** Where this user's supervisors keep their ledgers unless told otherwise: verified, created when missing. */
    static Path defaultLedgerDirectory() {
        return StateDirectory.forThisUser().subdirectory("ledgers").path();
    }

    /** Starts a new supervisor that keeps (and sweeps) its ledger in {@code ledgerDirectory}. */
    public static ProcessSupervisor launch(Path ledgerDirectory) {
        return launch(ledgerDirectory, !"off".equals(System.getProperty(CGROUPS_PROPERTY)));
    }

    /**
     * Like {@link #launch(Path)}; {@code useCgroups=false} makes the supervisor attribute daemons by ancestry,
     * cookie and adoption only, as it must where cgroups are not writable (tests of that path, diagnosis).
     *
     * @throws SupervisorException if the ledger or state directory is not private to this user, or the
     *     supervisor cannot start (the message carries the supervisor's own words)
     */
    public static ProcessSupervisor launch(Path ledgerDirectory, boolean useCgroups) {
        return SupervisorLauncher.start(ledgerDirectory, useCgroups);
    }

    /** Waits for the supervisor's hello: it started, swept, and is ready for requests. */
    void awaitHello(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        events.hello.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a tree. Validates first (the executable must exist and be executable), so bad input starts nothing.
     *
     * @throws InvalidSpecException for a missing or non-executable command or a missing working directory
     * @throws SupervisorException if the OS refused the spawn
     */
    public SpawnedTree spawn(TreeSpec spec) {
        return spawn(spec, false);
    }

    /**
     * Starts a tree whose start lasts until {@link #finishedStarting} (or its launcher's exit, or its stop). Until
     * then, on a backend without a subreaper, other builds of this user launch no daemonizing fixture: a daemon
     * they made could otherwise be this tree's just as well, and be left running.
     */
    public SpawnedTree spawnStarting(TreeSpec spec) {
        return spawn(spec, true);
    }

    private SpawnedTree spawn(TreeSpec spec, boolean starting) {
        Message.Spawned spawned = turns.spawning(
                spec.id(),
                starting,
                () -> requests.send(spec.checkedSpawnRequest(), Message.Spawned.class, REQUEST_TIMEOUT));
        TreeRecord record = new TreeRecord(
                spec.id(),
                new ProcessId(spawned.pid(), spawned.startTime()),
                spawned.cookie(),
                spawned.cgroup().isEmpty() ? Optional.empty() : Optional.of(Path.of(spawned.cgroup())),
                (int) process.pid());
        trees.add(record, spec.stopPolicy());
        return new SpawnedTree(this, spec, record);
    }

    /**
     * Tree {@code id}'s start is over (found ready): whatever it forks from now on is no daemon of its start. On a
     * backend without a subreaper the returned future completes once its ledger says so (other builds' orphans are
     * no longer weighed against it), and a tree of {@link #spawnStarting} lets their daemonizing starts go a clock
     * tick later; a caller that does not wait goes on at once (the supervisor reads its process table for it).
     */
    public CompletableFuture<Void> finishedStarting(String id) {
        if (hello().subreaper()) {
            return CompletableFuture.completedFuture(null); // its orphans are its supervisor's, never pid 1's
        }
        return requests.sendLater(r -> new Message.Ready(r, id), Message.Noted.class, REQUEST_TIMEOUT)
                .whenComplete((noted, failed) -> turns.startIsOver(id))
                .thenApply(noted -> null);
    }

    /** Stops a tree with the policy it was spawned with: its steps on every member, then a check that none is left. */
    public StopReport stop(String id) {
        return Requests.awaited(stopLater(id, trees.policyOf(id))).report();
    }

    /**
     * Sends a tree's stop and returns at once; the future completes with the supervisor's answer. Stops sent one
     * after the other run side by side in the supervisor: a group stops a wave from one thread.
     */
    CompletableFuture<Message.Stopped> stopLater(String id, StopPolicy policy) {
        Duration patience = policy.worstCase().plus(REQUEST_TIMEOUT);
        return requests.sendLater(r -> new Message.Stop(r, id, policy), Message.Stopped.class, patience)
                .whenComplete((stopped, failed) -> {
                    if (stopped != null) {
                        events.forget(id);
                        trees.remove(id);
                        turns.startIsOver(id); // its stop settled it
                    }
                });
    }

    /** The members of a tree right now (zombies included); empty for an unknown or stopped id. */
    public List<ProcessInfo> members(String id) {
        return requests.send(r -> new Message.Members(r, id), Message.MemberList.class, REQUEST_TIMEOUT)
                .processes();
    }

    /** Who holds the socket listening on {@code port}: tree {@code id} (see {@link PortListener}), asked of the supervisor. */
    public PortListener listenerOf(String id, int port) {
        return PortListener.of(
                requests.send(r -> new Message.PortHolder(r, id, port), Message.PortHeld.class, REQUEST_TIMEOUT));
    }

    /**
     * Live processes below the supervisor that belong to no running tree: escapees that left their process
     * group, cgroup and environment behind (only the subreaper still holds them). Normally empty.
     */
    public List<ProcessInfo> unclaimed() {
        return requests.send(Message.Unclaimed::new, Message.MemberList.class, REQUEST_TIMEOUT)
                .processes();
    }

    /** Called (on an internal thread) whenever the leader of a tree exits. */
    public void onExit(Consumer<ExitEvent> listener) {
        events.onExit(listener);
    }

    public void removeExitListener(Consumer<ExitEvent> listener) {
        events.removeExitListener(listener);
    }

    /** Completes when the leader of the running tree {@code id} exits (already done if it has). */
    public CompletableFuture<ExitEvent> exitOf(String id) {
        return events.exitOf(id);
    }

    /**
     * Called with every notice from now on, and with those that arrived while nobody listened (the sweep's,
     * which can come before the first listener registers); never twice with the same notice.
     */
    public void onNewNotice(Consumer<String> listener) {
        events.notices.listenToNew(listener);
    }

    public void removeNoticeListener(Consumer<String> listener) {
        events.notices.remove(listener);
    }

    public List<String> notices() {
        return events.notices.all();
    }

    /** Waits for the start-up sweep of crashed builds' leftovers; returns how many trees it stopped (see notices). */
    public int awaitSweep(Duration timeout) {
        return events.awaitSweep(timeout, logFile);
    }

    /** Who may launch while a daemonizing fixture of this supervisor starts. */
    public LaunchTurns launchTurns() {
        return turns;
    }

    /** Whether each tree has a cgroup of its own, which attributes any daemon to its fixture by itself. */
    public boolean attributesByCgroup() {
        return !hello().cgroup().isEmpty();
    }

    public SupervisorHello hello() {
        return events.hello.join();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** Stops every tree (each with its policy) and ends the supervisor. Safe to call twice. */
    @Override
    public void close() {
        closing = true;
        turns.releaseAll();
        if (!process.isAlive()) {
            return;
        }
        Duration patience = trees.longestStop().plus(REQUEST_TIMEOUT);
        try {
            requests.send(Message.Shutdown::new, Message.Bye.class, patience);
            if (process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS) && process.exitValue() == 0) {
                Files.deleteIfExists(logFile); // a clean run's log says nothing worth keeping
            }
        } catch (SupervisorException | IOException e) {
            // already gone (its stdin EOF made it stop everything), or the log could not be removed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
