package dev.tether.killer.supervisor;

import dev.tether.killer.internal.EngineClasses;
import dev.tether.killer.internal.posix.NativePosix;
import dev.tether.killer.internal.posix.SpawnException;
import dev.tether.killer.platform.Backend;
import dev.tether.killer.platform.PlatformMessages;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.ProcessInspector;
import dev.tether.killer.protocol.Codec;
import dev.tether.killer.protocol.Message;
import dev.tether.killer.state.CurrentUser;
import dev.tether.killer.state.FileOwnership;
import dev.tether.killer.state.StateDirectory;
import dev.tether.killer.stop.StopReport;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Entry point of the supervisor process: {@code java ... SupervisorMain <owner pid@start> <ledger directory>}.
 * It reads requests from stdin until EOF, which means the owner is gone (however it died), and then stops
 * every tree and exits.
 */
public final class SupervisorMain {
    /** {@code TETHER_CGROUPS=off}: attribute daemons by ancestry, cookie and adoption only (the macOS path). */
    public static final String NO_CGROUPS = "TETHER_CGROUPS";

    /** {@code TETHER_SPAWN=fallback}: spawn without the glibc 2.29/2.34 additions (the path older systems take). */
    public static final String SPAWN_PATH = "TETHER_SPAWN";

    private SupervisorMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--warm-up")) {
            warmUp();
            return;
        }
        boolean fallbackSpawn = "fallback".equals(System.getenv(SPAWN_PATH));
        // Loading JNA is most of the start-up: do it while the pure-Java set-up below runs.
        CompletableFuture<NativePosix> nativeLoad = CompletableFuture.supplyAsync(() -> NativePosix.get(fallbackSpawn));
        ProcessId ownerId = ProcessId.parse(args[0]);
        // Ledgers are evidence for what to kill: read and written only in a directory private to this user. The
        // check runs beside the JNA load and the work below; its result is needed when the ledger is made.
        FutureTask<Path> ledgerCheck =
                new FutureTask<>(() -> StateDirectory.at(Paths.get(args[1])).path());
        daemon("tether-state-check", ledgerCheck);
        int pid = (int) ProcessHandle.current().pid();
        Backend backend = Backend.current();
        // Making the cgroups (~25 ms: the move into our own waits for the kernel) also runs beside the rest.
        FutureTask<Optional<Cgroups>> cgroupSetUp =
                new FutureTask<>(() -> backend.mayUseCgroups() && !"off".equals(System.getenv(NO_CGROUPS))
                        ? Cgroups.tryCreate(pid, message -> System.err.println("[tether-supervisor] " + message))
                        : Optional.empty());
        daemon("tether-cgroup-set-up", cgroupSetUp);
        ProcessInspector inspector = backend.inspector();
        ProcessId self = inspector.process(pid).map(ProcessInfo::id).orElse(new ProcessId(pid, 0));
        OwnerChannel owner = new OwnerChannel(System.out);
        System.setOut(System.err); // nothing but protocol messages may reach the owner's pipe
        Optional<Cgroups> cgroups = resultOf(cgroupSetUp);
        NativePosix posix = nativeLoad.join();
        posix.startNewSession();
        boolean subreaper = backend.hasSubreaper() && posix.becomeChildSubreaper();
        Path ledgerDirectory = resultOf(ledgerCheck);
        Ledger ledger = new Ledger(ledgerDirectory, self, ownerId, backend.wireName());
        TreeKeeper supervisor = new TreeKeeper(
                posix, inspector, cgroups, ledger, owner, self, subreaper ? Optional.empty() : Optional.of(backend));
        // Whatever breaks, on whichever thread, the trees are stopped before this process goes.
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            System.err.println("[tether-supervisor] " + thread.getName() + " failed: " + error);
            error.printStackTrace();
            shutDown(supervisor, cgroups, posix, 70);
        });

        owner.send(new Message.Hello(
                self.pid(),
                self.startTime(),
                subreaper,
                cgroups.map(c -> c.base().toString()).orElse(""),
                posix.spawnPath()));
        // Every stop may come long after a SNAPSHOT jar was overwritten under this JVM: load its classes now.
        EngineClasses.preloadInBackground(count -> {
            System.err.println("[tether-supervisor] " + count + " classes loaded ahead of need");
            HotPathWarmUp.run(posix, inspector, self);
        });
        if (!subreaper) {
            // in the log and the doctor's report, not on every build's console
            System.err.println("[tether-supervisor] "
                    + (backend.readsEnvironments()
                            ? PlatformMessages.noSubreaperButCookie(backend.wireName())
                            : PlatformMessages.noSubreaper(backend.wireName())));
        }

        daemon("tether-reaper", supervisor::reapForever);
        daemon("tether-ledger-sweep", () -> {
            try {
                int swept = new LedgerSweeper(
                                ledgerDirectory, backend.wireName(), inspector, posix, cgroups, owner, self)
                        .sweep()
                        .size();
                owner.send(new Message.Swept(swept));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        daemon(
                "tether-owner-watch",
                new OwnerWatch(supervisor, inspector, ownerId, backend, () -> shutDown(supervisor, cgroups, posix, 0)));
        LogCap logCap = new LogCap(
                LogCap.limitFromEnvironment(),
                () -> supervisor.trees().stream().map(f -> f.logFile).toList());
        daemon("tether-log-cap", logCap);

        int status = 70;
        try {
            serve(
                    supervisor,
                    new ListenerCheck(posix, inspector, supervisor::members),
                    logCap,
                    owner,
                    new DataInputStream(new BufferedInputStream(System.in)));
            status = 0;
        } finally {
            shutDown(supervisor, cgroups, posix, status);
        }
    }

    /** Handles requests until the owner closes the pipe (EOF) or asks to shut down. */
    private static void serve(
            TreeKeeper supervisor, ListenerCheck listeners, LogCap logCap, OwnerChannel owner, DataInputStream in) {
        ExecutorService stops = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "tether-stop");
            thread.setDaemon(true);
            return thread;
        });
        try {
            while (true) {
                Message request = Codec.read(in);
                if (request instanceof Message.Spawn spawn) {
                    spawn(supervisor, owner, spawn);
                    logCap.follow(Paths.get(spawn.logFile()));
                } else if (request instanceof Message.Stop stop) {
                    stops.execute(() -> stop(supervisor, owner, stop));
                } else if (request instanceof Message.Members members) {
                    owner.send(new Message.MemberList(
                            members.id(),
                            supervisor
                                    .fixture(members.key())
                                    .map(supervisor::members)
                                    .orElse(List.of())));
                } else if (request instanceof Message.PortHolder holder) {
                    owner.send(supervisor
                            .fixture(holder.key())
                            .map(fixture -> listeners.check(holder.id(), fixture, holder.port()))
                            .orElse(new Message.PortHeld(holder.id(), false, false)));
                } else if (request instanceof Message.Ready ready) {
                    stops.execute(
                            () -> { // a table read on the portable backend: off the reading thread
                                supervisor.fixture(ready.key()).ifPresent(supervisor::startIsOver);
                                owner.send(new Message.Noted(ready.id()));
                            });
                } else if (request instanceof Message.Unclaimed unclaimed) {
                    owner.send(new Message.MemberList(unclaimed.id(), supervisor.unclaimed()));
                } else if (request instanceof Message.Shutdown shutdown) {
                    supervisor.stopAll();
                    owner.send(new Message.Bye(shutdown.id()));
                    return;
                } else {
                    throw new IOException("the owner sent " + request + ", which only a supervisor sends");
                }
            }
        } catch (EOFException e) {
            System.err.println("[tether-supervisor] owner closed the pipe: stopping every tree");
        } catch (IOException e) {
            System.err.println("[tether-supervisor] pipe from the owner broke (" + e + "): stopping every tree");
        }
    }

    private static void spawn(TreeKeeper supervisor, OwnerChannel owner, Message.Spawn request) {
        SpawnOrder order = new SpawnOrder(
                request.key(),
                request.executable(),
                request.argv(),
                request.environment(),
                Paths.get(request.workingDirectory()),
                Paths.get(request.logFile()),
                request.policy());
        AtomicBoolean answered = new AtomicBoolean();
        try {
            supervisor.spawn(order, fixture -> {
                answered.set(true);
                owner.send(new Message.Spawned(
                        request.id(),
                        fixture.leader().pid(),
                        fixture.leader().startTime(),
                        fixture.membership.cookie(),
                        fixture.cgroup.map(Path::toString).orElse("")));
            });
        } catch (SpawnException | IOException | RuntimeException | LinkageError e) {
            if (answered.get()) { // the tree runs and is kept: a failure after the answer is only for the log
                System.err.println("[tether-supervisor] after spawning '" + request.key() + "': " + e);
            } else {
                owner.send(new Message.Failed(request.id(), String.valueOf(e.getMessage())));
            }
        }
    }

    private static void stop(TreeKeeper supervisor, OwnerChannel owner, Message.Stop request) {
        try {
            Optional<OwnedTree> fixture = supervisor.fixture(request.key());
            StopReport report = fixture.isPresent()
                    ? supervisor.stop(fixture.get(), request.policy())
                    : new StopReport(request.key(), List.of(), List.of(), Duration.ZERO);
            owner.send(new Message.Stopped(request.id(), report, supervisor.everyAdopteeClaimed()));
        } catch (InterruptedException | RuntimeException e) {
            owner.send(new Message.Failed(request.id(), "stopping '" + request.key() + "' failed: " + e));
        }
    }

    /**
     * Stops everything, then ends the process with _exit(2), not Runtime.halt: halting waits up to 300 ms for
     * threads blocked in native calls (the reaper sits in waitpid), which every build paid at its end.
     */
    private static synchronized void shutDown(
            TreeKeeper supervisor, Optional<Cgroups> cgroups, NativePosix posix, int status) {
        try {
            supervisor.stopAll();
            cgroups.ifPresent(Cgroups::close);
        } finally {
            System.err.flush();
            try {
                posix.exitNow(status);
            } finally {
                Runtime.getRuntime().halt(status);
            }
        }
    }

    /**
     * Loads what a real start loads, so a class-data-sharing archive dumped at the exit of this run covers it
     * (see SupervisorStartup in the client). Starts nothing.
     */
    private static void warmUp() throws IOException {
        NativePosix posix = NativePosix.get();
        ProcessInspector inspector = Backend.current().inspector();
        inspector.process(posix.pid());
        inspector.snapshot();
        inspector.identity(posix.pid()).ifPresent(self -> HotPathWarmUp.run(posix, inspector, self));
        EngineClasses.loadAll(); // every engine class: what a real run loads, and what its preloading asks for
        Cgroups.ownCgroupDirectory();
        // the checks a real start makes, so the archive holds the file-attribute classes they load
        FileOwnership.read(Paths.get(System.getProperty("java.io.tmpdir")));
        CurrentUser.uid();
    }

    /** The task's result, or its own exception (a refusal's message must reach the owner unwrapped). */
    private static <T> T resultOf(FutureTask<T> task) throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }
}
