package dev.tether.killer.supervisor;

import dev.tether.killer.internal.posix.NativePosix;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.ProcessInspector;
import dev.tether.killer.process.ProcessTable;
import dev.tether.killer.process.Signal;
import dev.tether.killer.process.TreeMembership;
import dev.tether.killer.stop.Escalation;
import dev.tether.killer.stop.StopPolicy;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Processes below the supervisor that no tree claims: an adoptee judged a late escapee is stopped, and at
 * shutdown whatever is still below the supervisor is killed. Both are ours (the subreaper's), so ending them is
 * safe; every signal re-checks the identity right before the syscall.
 */
final class Escapees {
    /** How an escapee that no tree claims is ended: it is ours (the subreaper's child), so it is stopped. */
    private static final StopPolicy ESCAPEE_POLICY = StopPolicy.gracefulThenKill(Signal.TERM, Duration.ofSeconds(2));

    private final NativePosix posix;
    private final ProcessInspector inspector;
    private final Optional<Cgroups> cgroups;
    private final OwnerChannel owner;
    private final ProcessId self;
    private final Function<ProcessInfo, String> describeExit;

    Escapees(
            NativePosix posix,
            ProcessInspector inspector,
            Optional<Cgroups> cgroups,
            OwnerChannel owner,
            ProcessId self,
            Function<ProcessInfo, String> describeExit) {
        this.posix = posix;
        this.inspector = inspector;
        this.cgroups = cgroups;
        this.owner = owner;
        this.self = self;
        this.describeExit = describeExit;
    }

    /** Stops an adopted orphan and whatever it started, in the background; the owner hears of it. */
    void end(ProcessInfo adoptee, String why) {
        owner.notice("Stopping " + adoptee.pid() + " " + inspector.commandLine(adoptee.pid()) + ": " + why);
        SupervisedTree tree = new SupervisedTree(
                TreeMembership.ofOneProcess(adoptee.id()),
                Optional.empty(),
                cgroups,
                inspector,
                posix,
                Set.of(self.pid()),
                describeExit);
        CompletableFuture.runAsync(() -> {
            try {
                Escalation.realTime(ESCAPEE_POLICY).run("escapee " + adoptee.pid(), tree);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Kills everything still below the supervisor: the last step of stopping everything. */
    void killAllBelow() {
        ProcessTable table = inspector.snapshot();
        Set<ProcessInfo> below = new HashSet<>(table.withDescendants(List.of(self.pid())));
        below.removeIf(p -> p.pid() == self.pid() || p.isDead());
        for (ProcessInfo orphan : below) {
            owner.notice("killing unclaimed descendant " + orphan.pid() + " " + inspector.commandLine(orphan.pid()));
            if (inspector.isRunning(orphan.id())) {
                posix.signal(orphan.pid(), Signal.KILL.number());
            }
        }
    }
}
