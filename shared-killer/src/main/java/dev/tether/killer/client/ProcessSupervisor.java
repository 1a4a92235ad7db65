package dev.tether.killer.client;

import dev.tether.killer.InvalidSpecException;
import dev.tether.killer.SupervisorException;
import dev.tether.killer.TetherException;
import dev.tether.killer.internal.EngineClasses;
import dev.tether.killer.process.ExecutableResolver;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.ProcessInspector;
import dev.tether.killer.protocol.Codec;
import dev.tether.killer.protocol.Message;
import dev.tether.killer.state.StateDirectory;
import dev.tether.killer.stop.StopPolicy;
import dev.tether.killer.stop.StopReport;
import dev.tether.killer.supervisor.LedgerMembers;
import dev.tether.killer.text.Durations;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * The owner's handle on its supervisor process: spawn trees, stop them, list their members. Pure Java (JNA is
 * loaded only in the supervisor). When this JVM dies in any way, the supervisor sees its stdin close and stops
 * every tree; {@link #close()} does the same on purpose. Thread-safe.
 */
public final class ProcessSupervisor implements AutoCloseable {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    /** {@code -Dtether.cgroups=off}: do without cgroups even where they are writable (tests of that path). */
    public static final String CGROUPS_PROPERTY = "tether.cgroups";

    private static ProcessSupervisor shared;

    private final Process process;
    private final Path logFile;
    private final Path ledgerDirectory;
    private final Semaphore daemonizingStarts = new Semaphore(1, true);
    /** What the owner knows of each running tree, to stop it itself should the supervisor die. */
    private final Map<String, TreeRecord> trees = new ConcurrentHashMap<>();

    private volatile boolean closing;
    /** Set when the supervisor died unexpectedly: what happened and what the owner reaped in its place. */
    private volatile String death;

    private final Thread reader;
    /** Completes when the reader thread has seen the pipe close and done what that requires. */
    private final CompletableFuture<Void> readerEnded = new CompletableFuture<>();

    private final DataOutputStream out;
    private final Map<Integer, CompletableFuture<Message.Answer>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<Consumer<ExitEvent>> exitListeners = new CopyOnWriteArrayList<>();
    private final List<String> notices = new CopyOnWriteArrayList<>();
    /** Notices from this index on reached no listener yet. */
    private int unheard;

    private final List<Runnable> shutdownTasks = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> noticeListeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Hello> hello = new CompletableFuture<>();
    private final CompletableFuture<Integer> swept = new CompletableFuture<>();
    private final Map<String, StopPolicy> policies = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<ExitEvent>> leaderExits = new ConcurrentHashMap<>();

    /** What the supervisor says about itself when it starts. */
    public record Hello(int pid, long startTime, boolean subreaper, String cgroup, String spawnPath) {}

    private ProcessSupervisor(Process process, Path logFile, Path ledgerDirectory) {
        this.process = process;
        this.logFile = logFile;
        this.ledgerDirectory = ledgerDirectory;
        this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        this.reader = new Thread(this::readEvents, "tether-supervisor-events-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** The supervisor of this JVM, started on first use and shut down (trees stopped) when the JVM exits. */
    public static synchronized ProcessSupervisor shared() {
        if (shared == null || !shared.process.isAlive()) {
            shared = launch();
            ProcessSupervisor mine = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(mine::shutDownInOrder, "tether-shutdown"));
        }
        return shared;
    }

    /**
     * Runs {@code task} when the JVM shuts down, before this supervisor stops everything: JVM shutdown hooks run
     * in no order, so a caller that wants to stop and report its own trees first registers here.
     */
    public void beforeShutdown(Runnable task) {
        shutdownTasks.add(task);
    }

    private void shutDownInOrder() {
        try {
            for (Runnable task : shutdownTasks) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    System.err.println("[tether] a shutdown task failed: " + e);
                }
            }
            close();
        } catch (LinkageError e) {
            // Maven may have closed the plugin's class loader before this hook runs: what is not loaded yet
            // cannot be. Closing the pipe needs nothing new, and makes the supervisor stop every tree itself.
            closing = true;
            try {
                process.getOutputStream().close();
            } catch (IOException ignored) {
                // it is going anyway
            }
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
        StateDirectory state = StateDirectory.forThisUser();
        StateDirectory ledgers = StateDirectory.at(ledgerDirectory); // ledgers are evidence: only from a private place
        Path log = state.file("supervisor-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".log");
        Process process;
        try {
            process = SupervisorLauncher.launch(state, ledgers.path(), log, useCgroups);
        } catch (IOException e) {
            throw new SupervisorException(
                    "Cannot start the Tether supervisor with " + System.getProperty("java.home")
                            + "/bin/java: " + e.getMessage() + ". Check that the JDK is intact and " + state
                            + " is writable.",
                    e);
        }
        ProcessSupervisor supervisor = new ProcessSupervisor(process, log, ledgers.path());
        try {
            supervisor.hello.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new SupervisorException("Interrupted while the Tether supervisor started", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new SupervisorException(
                    "The Tether supervisor did not start: " + rootMessage(e) + supervisor.logExcerpt(), e);
        }
        // If the supervisor dies, this JVM stops its trees (OrphanedTrees): with classes from a jar that may have
        // been overwritten by then.
        EngineClasses.preloadInBackground(count -> {});
        return supervisor;
    }

    /** The end of the supervisor's own log, for an error message: the cause is often only written there. */
    String logExcerpt() {
        List<String> lines;
        try {
            process.waitFor(500, TimeUnit.MILLISECONDS); // let a dying supervisor finish its last words
            lines = Files.readAllLines(logFile);
        } catch (IOException e) {
            return ". Its log is " + logFile + ".";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ". Its log is " + logFile + ".";
        }
        List<String> tail = lines.subList(Math.max(0, lines.size() - 12), lines.size());
        return tail.isEmpty()
                ? ". Its log " + logFile + " is empty."
                : ". It said:\n    " + String.join("\n    ", tail) + "\n(full log: " + logFile + ")";
    }

    /**
     * Starts a tree. Validates first (the executable must exist and be executable), so bad input starts nothing.
     *
     * @throws InvalidSpecException for a missing or non-executable command or a missing working directory
     * @throws SupervisorException if the OS refused the spawn
     */
    public SpawnedTree spawn(TreeSpec spec) {
        if (!Files.isDirectory(spec.workingDirectory())) {
            throw new InvalidSpecException("Fixture '" + spec.id() + "': working directory " + spec.workingDirectory()
                    + " does not exist. Create it or point workingDirectory at an existing directory.");
        }
        Map<String, String> environment = new LinkedHashMap<>(System.getenv());
        environment.remove(Codec.SUPERVISOR_VARIABLE);
        environment.putAll(spec.environment());
        Path executable = ExecutableResolver.resolve(
                "Fixture '" + spec.id() + "'", spec.command().get(0), environment, spec.workingDirectory());
        Message.Spawned spawned = request(
                id -> new Message.Spawn(
                        id,
                        spec.id(),
                        executable.toString(),
                        spec.command(),
                        environment,
                        spec.workingDirectory().toString(),
                        spec.logFile().toString(),
                        spec.stopPolicy()),
                Message.Spawned.class,
                REQUEST_TIMEOUT);
        policies.put(spec.id(), spec.stopPolicy());
        TreeRecord record = new TreeRecord(
                spec.id(),
                new ProcessId(spawned.pid(), spawned.startTime()),
                spawned.cookie(),
                spawned.cgroup().isEmpty() ? Optional.empty() : Optional.of(Path.of(spawned.cgroup())),
                (int) process.pid());
        trees.put(spec.id(), record);
        return new SpawnedTree(this, spec, record);
    }

    /** Stops a tree with the policy it was spawned with. */
    public StopReport stop(String id) {
        return stop(id, policies.getOrDefault(id, StopPolicy.DEFAULT));
    }

    /** Stops a tree: the policy's steps on every member, then a check that nothing survived. */
    public StopReport stop(String id, StopPolicy policy) {
        Duration patience = policy.worstCase().plus(REQUEST_TIMEOUT);
        StopReport report = request(r -> new Message.Stop(r, id, policy), Message.Stopped.class, patience)
                .report();
        policies.remove(id);
        leaderExits.remove(id);
        trees.remove(id);
        return report;
    }

    /** The members of a tree right now (zombies included); empty for an unknown or stopped id. */
    public List<ProcessInfo> members(String id) {
        return request(r -> new Message.Members(r, id), Message.MemberList.class, REQUEST_TIMEOUT)
                .processes();
    }

    /**
     * Live processes below the supervisor that belong to no running tree: escapees that left their process
     * group, cgroup and environment behind (only the subreaper still holds them). Normally empty.
     */
    public List<ProcessInfo> unclaimed() {
        return request(Message.Unclaimed::new, Message.MemberList.class, REQUEST_TIMEOUT)
                .processes();
    }

    /** Called (on an internal thread) whenever the leader of a tree exits. */
    public void onExit(Consumer<ExitEvent> listener) {
        exitListeners.add(listener);
    }

    public void removeExitListener(Consumer<ExitEvent> listener) {
        exitListeners.remove(listener);
    }

    /** Completes when the leader of the running tree {@code id} exits (already done if it has). */
    public CompletableFuture<ExitEvent> exitOf(String id) {
        return leaderExits.computeIfAbsent(id, k -> new CompletableFuture<>());
    }

    /** Called with every notice of the supervisor (reaped leftovers of a crashed build, platform warnings). */
    public void onNotice(Consumer<String> listener) {
        noticeListeners.add(listener);
        notices.forEach(listener);
    }

    /**
     * Called with every notice from now on, and with those that arrived while nobody listened (the sweep's,
     * which can come before the first listener registers); never twice with the same notice.
     */
    public void onNewNotice(Consumer<String> listener) {
        synchronized (notices) {
            notices.subList(unheard, notices.size()).forEach(notice -> tell(listener, notice));
            unheard = notices.size();
            noticeListeners.add(listener);
        }
    }

    public void removeNoticeListener(Consumer<String> listener) {
        noticeListeners.remove(listener);
    }

    public List<String> notices() {
        return List.copyOf(notices);
    }

    /**
     * Waits for the start-up sweep of leftovers of crashed builds (see {@link #notices()} for what it reaped).
     *
     * @return how many trees it found and stopped
     */
    public int awaitSweep(Duration timeout) {
        try {
            return swept.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SupervisorException("Interrupted while waiting for the sweep of crashed builds", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new SupervisorException(
                    "The sweep of crashed builds' leftovers did not finish within " + Durations.format(timeout) + ": "
                            + rootMessage(e) + ". Its log is " + logFile + ".",
                    e);
        }
    }

    /**
     * Held by a daemonizing fixture from its spawn until it is ready, when this supervisor has no cgroups: two
     * daemons adopted in the same moment could then not be told apart (see Adoptions), so such starts take
     * turns. With cgroups each daemon is born in its fixture's cgroup and they start in parallel.
     */
    public Semaphore daemonizingStarts() {
        return daemonizingStarts;
    }

    /** Whether each tree has a cgroup of its own, which attributes any daemon to its fixture by itself. */
    public boolean attributesByCgroup() {
        return !hello().cgroup().isEmpty();
    }

    public Hello hello() {
        return hello.join();
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
        if (!process.isAlive()) {
            return;
        }
        Duration patience = policies.values().stream()
                .map(StopPolicy::worstCase)
                .max(Duration::compareTo)
                .orElse(Duration.ZERO)
                .plus(REQUEST_TIMEOUT);
        try {
            request(Message.Shutdown::new, Message.Bye.class, patience);
            if (process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS) && process.exitValue() == 0) {
                Files.deleteIfExists(logFile); // a clean run's log says nothing worth keeping
            }
        } catch (SupervisorException | IOException e) {
            // already gone (its stdin EOF made it stop everything), or the log could not be removed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends the request {@code make} builds around a fresh id and waits for its answer. */
    private <T extends Message.Answer> T request(
            IntFunction<Message.Request> make, Class<T> answerType, Duration timeout) {
        int id = ids.incrementAndGet();
        CompletableFuture<Message.Answer> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            synchronized (out) {
                Codec.write(out, make.apply(id));
                out.flush();
            }
            Message.Answer reply = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!answerType.isInstance(reply)) {
                throw new SupervisorException("The Tether supervisor (pid " + process.pid() + ") answered request "
                        + id + " with " + reply + " instead of a " + answerType.getSimpleName()
                        + ". This is a bug in Tether; its log is " + logFile + ".");
            }
            return answerType.cast(reply);
        } catch (IOException e) {
            throw died(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SupervisorException("Interrupted while waiting for the Tether supervisor", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof TetherException t ? t : died(e.getCause());
        } catch (TimeoutException e) {
            throw new SupervisorException("The Tether supervisor (pid " + process.pid() + ") did not answer within "
                    + Durations.format(timeout) + ". Its log is " + logFile + ".");
        } finally {
            pending.remove(id);
        }
    }

    private SupervisorException died(Throwable cause) {
        if (!closing && Thread.currentThread() != reader) {
            try {
                // a request saw the pipe break first: the reader may still be stopping the trees
                readerEnded.get(OrphanedTrees.GRACE.multipliedBy(10).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // report what is known
            }
        }
        if (death != null) {
            return new SupervisorException(death, cause);
        }
        return new SupervisorException(
                "The Tether supervisor (pid " + process.pid() + ") is gone (" + rootMessage(cause) + "). Its log is "
                        + logFile + ".",
                cause);
    }

    private void readEvents() {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream()))) {
            String noise = Codec.readPreamble(in);
            if (!noise.isBlank()) {
                notices.add("the supervisor JVM printed before starting: " + noise.strip());
            }
            while (true) {
                Message message = Codec.read(in);
                if (message instanceof Message.Failed failed) {
                    fail(failed.id(), new SupervisorException(failed.message()));
                } else if (message instanceof Message.Answer answer) {
                    complete(answer);
                } else if (message instanceof Message.Hello h) {
                    hello.complete(new Hello(h.pid(), h.startTime(), h.subreaper(), h.cgroup(), h.spawnPath()));
                } else if (message instanceof Message.Swept swept) {
                    this.swept.complete(swept.trees());
                } else if (message instanceof Message.Exited exited) {
                    ExitEvent event = new ExitEvent(exited.key(), exited.pid(), exited.exitCode(), exited.signal());
                    exitOf(event.id()).complete(event);
                    exitListeners.forEach(listener -> tell(listener, event));
                } else if (message instanceof Message.Notice notice) {
                    announce(notice.text());
                } else {
                    throw new IOException("the supervisor sent " + message + ", which only an owner sends");
                }
            }
        } catch (IOException e) {
            if (!closing && !trees.isEmpty()) {
                reapInPlaceOfTheSupervisor(e);
            }
            SupervisorException gone = died(e);
            hello.completeExceptionally(gone);
            swept.completeExceptionally(gone);
            pending.values().forEach(answer -> answer.completeExceptionally(gone));
        } finally {
            readerEnded.complete(null);
        }
    }

    private void announce(String notice) {
        synchronized (notices) {
            notices.add(notice);
            if (!noticeListeners.isEmpty()) {
                unheard = notices.size();
            }
            noticeListeners.forEach(listener -> tell(listener, notice));
        }
    }

    /** A listener that throws must not end the reader: every later event would be lost. */
    private static <T> void tell(Consumer<T> listener, T event) {
        try {
            listener.accept(event);
        } catch (LinkageError e) {
            // NoClassDefFoundError once Maven closed the plugin's class realm at the end of a build: nobody is
            // left to hear the event. The reader thread must live on, or every pending request waits out its timeout.
        } catch (RuntimeException e) {
            System.err.println("[tether] a listener failed on " + event + ": " + e);
        }
    }

    /**
     * The supervisor died while it held trees (OOM killer, {@code kill -9}): nobody else will stop them, so the
     * owner does, at once, and every later request fails naming the death and what was reaped.
     */
    private void reapInPlaceOfTheSupervisor(IOException cause) {
        List<TreeRecord> orphaned = List.copyOf(trees.values());
        List<StopReport> reports = new OrphanedTrees(ProcessInspector.forThisMachine())
                .stopAll(
                        orphaned,
                        LedgerMembers.of(ledgerDirectory, (int) process.pid()),
                        LedgerMembers.unclaimed(ledgerDirectory, (int) process.pid()),
                        (int) process.pid());
        String reaped = reports.stream()
                .map(r -> "'" + r.fixture() + "': " + r.summary())
                .collect(Collectors.joining("; "));
        death = "The Tether supervisor (pid " + process.pid() + ") died unexpectedly (" + exitDescription()
                + "; its log is " + logFile + "). Tether stopped its " + orphaned.size() + " running "
                + (orphaned.size() == 1 ? "tree" : "trees") + " itself: " + reaped
                + ". Something outside Tether killed it (the OOM killer? check dmesg), or it crashed: see its log.";
        announce(death);
        trees.clear();
    }

    private String exitDescription() {
        try {
            if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
                int status = process.exitValue();
                return status > 128 ? "killed by signal " + (status - 128) : "exit status " + status;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "its pipe closed";
    }

    private void complete(Message.Answer value) {
        CompletableFuture<Message.Answer> answer = pending.get(value.id());
        if (answer != null) {
            answer.complete(value);
        }
    }

    private void fail(int id, TetherException error) {
        CompletableFuture<Message.Answer> answer = pending.get(id);
        if (answer != null) {
            answer.completeExceptionally(error);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
