package dev.tether.killer.client;

import dev.tether.killer.platform.Backend;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.stop.StopReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A running tree: its leader's identity and cookie, and the way to stop it. Closing it stops it. */
public final class SpawnedTree implements AutoCloseable {
    private final ProcessSupervisor supervisor;
    private final TreeSpec spec;
    private final TreeRecord record;
    private CompletableFuture<StopReport> stopping;
    private volatile boolean nothingUnclaimedAfterStop;

    SpawnedTree(ProcessSupervisor supervisor, TreeSpec spec, TreeRecord record) {
        this.supervisor = supervisor;
        this.spec = spec;
        this.record = record;
    }

    public String id() {
        return spec.id();
    }

    public int pid() {
        return record.leader().pid();
    }

    public ProcessId leader() {
        return record.leader();
    }

    /** What identifies this tree to a process that did not start it (see {@link RecordedTree}). */
    public TreeRecord record() {
        return record;
    }

    /** The value of TETHER_FIXTURE in the environment of every process of this tree that kept its environment. */
    public String cookie() {
        return record.cookie();
    }

    public Path logFile() {
        return spec.logFile();
    }

    public TreeSpec spec() {
        return spec;
    }

    /** True while the leader (this exact process, not a reuse of its pid) is alive and not a zombie. */
    public boolean isLeaderAlive() {
        return Backend.current().inspector().isRunning(record.leader());
    }

    /**
     * Its start is over (found ready); returns once its ledger says so (see {@link
     * ProcessSupervisor#finishedStarting}).
     */
    public void finishedStarting() {
        supervisor.finishedStarting(spec.id()).join();
    }

    public List<ProcessInfo> members() {
        return supervisor.members(spec.id());
    }

    /** Its supervisor is being shut down by this JVM: the tree is being stopped with it. */
    public boolean endsWithItsSupervisor() {
        return supervisor.isClosing();
    }

    /** Completes when the supervisor reports the launched process's exit. */
    public CompletableFuture<ExitEvent> exit() {
        return supervisor.exitOf(spec.id());
    }

    /** Stops the tree with its spec's policy; a second call returns the first report. */
    public StopReport stop() {
        return Requests.awaited(stopLater());
    }

    /**
     * Sends the tree's stop with its spec's policy and returns at once; the future completes with the report. A
     * second call returns the first stop's future, unless that one failed (then it sends the stop again).
     */
    public synchronized CompletableFuture<StopReport> stopLater() {
        if (stopping == null || stopping.isCompletedExceptionally()) {
            stopping = supervisor.stopLater(spec.id(), spec.stopPolicy()).thenApply(stopped -> {
                nothingUnclaimedAfterStop = stopped.nothingUnclaimedAfter();
                return stopped.report();
            });
        }
        return stopping;
    }

    /**
     * Its stop is over, and when it ended every process the supervisor adopted was a running tree's: nothing of
     * this tree escaped it, so asking the supervisor for {@link ProcessSupervisor#unclaimed()} would find none of it.
     */
    public boolean stoppedWithNothingUnclaimed() {
        return nothingUnclaimedAfterStop;
    }

    @Override
    public void close() {
        stop();
    }
}
