package dev.tether.killer.readiness;

import dev.tether.killer.FixtureStartException;
import dev.tether.killer.client.ExitEvent;
import dev.tether.killer.client.PortListener;
import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.config.FixtureSpec;
import dev.tether.killer.config.Readiness;
import dev.tether.killer.config.Wording;
import dev.tether.killer.logs.FileGrowth;
import dev.tether.killer.logs.LogTail;
import dev.tether.killer.ports.PortOwners;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.text.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Waits until a fixture is ready. Polls are {@link #FAST_POLL} apart for the first {@link #FAST_PHASE} (most
 * servers are ready by then: one is noticed within ~1 ms of accepting; a refused connect() costs ~0.05 ms), then
 * back off to {@link #MAX_POLL}, so a slow one costs little. A poll is cheap: a refused connect() or a look at the
 * log's new bytes (a wait on files only sleeps until they change); an HTTP probe sends its request only once the
 * port accepts (see HttpCheck). The wait ends early, with the reason, when the fixture exits, when a sibling
 * failed (cancel), or when the port answers from someone else's process.
 */
public final class ReadinessWait {
    static final Duration FAST_POLL = Duration.ofMillis(1);
    static final Duration FAST_PHASE = Duration.ofSeconds(5);
    static final Duration MAX_POLL = Duration.ofMillis(10);
    /** The longest sleep on a file that did not report a change: a network file system may never report one. */
    static final Duration FILE_BACKSTOP = Duration.ofMillis(50);

    private static final int LOG_TAIL_LINES = 20;

    private final FixtureSpec spec;
    private final Path logFile;
    private final Wording words;
    private final String key;
    private final ProcessSupervisor supervisor;
    private final List<ProbeCheck> checks;
    private final Readiness readiness;
    private final BooleanSupplier cancelled;
    private final List<ProbeCheck> passed = new ArrayList<>();

    public ReadinessWait(
            FixtureSpec spec, ProbeContext context, List<ProbeCheck> checks, BooleanSupplier cancelled, Wording words) {
        this.words = words;
        this.spec = spec;
        this.logFile = context.logFile();
        this.key = context.key();
        this.supervisor = context.supervisor();
        this.checks = checks;
        this.readiness = spec.readiness();
        this.cancelled = cancelled;
    }

    public void await() {
        if (checks.isEmpty()) {
            failIfGone();
            return;
        }
        if (!pollUntilReady()) {
            failIfGone();
            throw failure(
                    FixtureStartException.Reason.NOT_READY,
                    ReadinessMessages.notReadyWithin(
                            who(), Durations.format(readiness.timeout()), waitingFor(), lastFailures()));
        }
        verifyOwners();
    }

    /**
     * Checks at once, then 1 ms apart, doubling up to the phase's limit; false when the timeout passed. When
     * every check waits on a file (a log line, a file appearing) and the kernel reports writes, it sleeps until
     * the file changes instead, checking at least every {@link #FILE_BACKSTOP} in case a change went unreported.
     */
    private boolean pollUntilReady() {
        List<Path> files =
                checks.stream().flatMap(check -> check.changesWith().stream()).toList();
        Optional<FileGrowth> growth = files.size() == checks.size() ? FileGrowth.of(files) : Optional.empty();
        try {
            growth.ifPresent(this::closeOnExit);
            return pollUntilReady(growth);
        } finally {
            growth.ifPresent(FileGrowth::close);
        }
    }

    private boolean pollUntilReady(Optional<FileGrowth> growth) {
        long began = System.nanoTime();
        long deadline = began + readiness.timeout().toNanos();
        Duration pause = growth.isPresent() ? FILE_BACKSTOP : Duration.ofMillis(1);
        while (!ready()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            long nanos = Math.min(pause.toNanos(), left);
            try {
                if (growth.isPresent()) {
                    growth.get().await(nanos);
                    continue;
                }
                pauseUnlessExit(nanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure(
                        FixtureStartException.Reason.CANCELLED, ReadinessMessages.interrupted(who(), "was ready"));
            }
            boolean fastPhase = System.nanoTime() - began < FAST_PHASE.toNanos();
            pause = min(pause.multipliedBy(2), fastPhase ? FAST_POLL : MAX_POLL);
        }
        return true;
    }

    /**
     * The launched process's exit ends a wait on file changes at once (failIfGone then says why). Not for a
     * daemonizing fixture: its launcher's clean exit is expected, and the wait goes on.
     */
    private void closeOnExit(FileGrowth growth) {
        if (!spec.daemonizes()) {
            supervisor.exitOf(key).whenComplete((exit, error) -> growth.close());
        }
    }

    /**
     * Sleeps between polls, but wakes the moment the launched process exits (then failIfGone says why). A
     * daemonizing fixture's launcher has exited already: then a plain sleep.
     */
    private void pauseUnlessExit(long nanos) throws InterruptedException {
        CompletableFuture<ExitEvent> exit = supervisor.exitOf(key);
        if (exit.isDone()) {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return;
        }
        try {
            exit.get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the pause passed (or the supervisor is gone, which the next poll reports)
        }
    }

    private boolean ready() {
        failIfGone(); // a sibling's failure (cancel) first, then this fixture's own exit
        passed.clear();
        for (ProbeCheck check : checks) {
            if (check.passes()) {
                passed.add(check);
                if (readiness.any()) {
                    return true;
                }
            } else if (!readiness.any()) {
                return false;
            }
        }
        return !readiness.any();
    }

    /** Fails at once if the launched process exited (a daemonizing one may, as long as its tree lives). */
    private void failIfGone() {
        if (cancelled.getAsBoolean()) {
            throw failure(
                    FixtureStartException.Reason.CANCELLED,
                    ReadinessMessages.stoppedForSibling(who(), "was ready", words.plural()));
        }
        CompletableFuture<ExitEvent> exit = supervisor.exitOf(key);
        if (!exit.isDone()) {
            return;
        }
        ExitEvent event = exit.join();
        boolean cleanDaemonExit = spec.daemonizes() && event.exitCode() == 0 && event.signal() == 0;
        if (!cleanDaemonExit) {
            throw failure(
                    FixtureStartException.Reason.EXITED_EARLY,
                    ReadinessMessages.exitedBeforeReady(who(), event.pid(), event.describe(), waitingFor()));
        }
        if (supervisor.members(key).stream().allMatch(ProcessInfo::isDead)) {
            throw failure(
                    FixtureStartException.Reason.EXITED_EARLY,
                    ReadinessMessages.daemonLeftNothing(who(), waitingFor()));
        }
    }

    /** A port that answered must be served by this fixture's tree, not a leftover of an earlier run. */
    private void verifyOwners() {
        if (!PortOwners.isSupported()) {
            return;
        }
        for (ProbeCheck check : passed) {
            OptionalInt port = check.listeningPort();
            if (port.isPresent() && supervisor.listenerOf(key, port.getAsInt()) == PortListener.ANOTHER_PROCESS) {
                throw failure(
                        FixtureStartException.Reason.WRONG_OWNER,
                        ReadinessMessages.notTheOneAnswering(
                                who(), port.getAsInt(), PortOwners.describeListeners(port.getAsInt())));
            }
        }
    }

    private String waitingFor() {
        return checks.isEmpty()
                ? ""
                : checks.stream()
                        .map(ProbeCheck::description)
                        .collect(Collectors.joining(readiness.any() ? " or " : " and ", " (waiting for ", ")"));
    }

    private String lastFailures() {
        return checks.stream().map(ProbeCheck::lastFailure).collect(Collectors.joining("; "));
    }

    private String who() {
        return words.named(spec.id());
    }

    /** The message with the fixture's log tail, which usually says why. */
    private FixtureStartException failure(FixtureStartException.Reason reason, String message) {
        return new FixtureStartException(spec.id(), reason, message + LogTail.forMessage(logFile, LOG_TAIL_LINES));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
