package dev.tether.killer.readiness;

import dev.tether.killer.FixtureStartException;
import dev.tether.killer.client.ExitEvent;
import dev.tether.killer.config.FixtureSpec;
import dev.tether.killer.config.Wording;
import dev.tether.killer.logs.LogTail;
import dev.tether.killer.stop.StopReport;
import dev.tether.killer.text.Durations;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Waits for a one-shot task (a migration, a seed) to run to completion: ready when its launched process exits
 * 0, within the readiness timeout. Whatever it left running is reaped the moment it completes, so a dependent
 * never shares the machine with a task's stray children. A non-zero exit, a timeout or a cancel fails the start
 * naming the task, its exit and its log tail.
 */
public final class CompletionWait {
    private static final int LOG_TAIL_LINES = 20;
    private static final Duration CANCEL_CHECK = Duration.ofMillis(50);

    private final FixtureSpec spec;
    private final ProbeContext context;
    private final BooleanSupplier cancelled;
    private final Wording words;

    public CompletionWait(FixtureSpec spec, ProbeContext context, BooleanSupplier cancelled, Wording words) {
        this.spec = spec;
        this.context = context;
        this.cancelled = cancelled;
        this.words = words;
    }

    /** Returns once the task exited 0 and its leftovers are stopped; the report says what was left. */
    public StopReport await() {
        CompletableFuture<ExitEvent> exit = context.supervisor().exitOf(context.key());
        long deadline = System.nanoTime() + spec.readiness().timeout().toNanos();
        ExitEvent event = null;
        while (event == null) {
            if (cancelled.getAsBoolean()) {
                throw failure(
                        FixtureStartException.Reason.CANCELLED,
                        ReadinessMessages.stoppedForSibling(who(), "completed", words.plural()));
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw failure(
                        FixtureStartException.Reason.NOT_READY,
                        ReadinessMessages.taskNotCompletedWithin(
                                who(), Durations.format(spec.readiness().timeout())));
            }
            try {
                event = exit.get(Math.min(left, CANCEL_CHECK.toNanos()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // look at the cancel flag and the deadline again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure(
                        FixtureStartException.Reason.CANCELLED, ReadinessMessages.interrupted(who(), "completed"));
            } catch (ExecutionException e) {
                throw failure(
                        FixtureStartException.Reason.EXITED_EARLY,
                        ReadinessMessages.taskLostSupervisor(who(), String.valueOf(e.getCause())));
            }
        }
        // Its leftovers (a background child it forgot) are ended now, before any dependent starts.
        StopReport leftovers = context.supervisor().stop(context.key());
        if (event.exitCode() != 0 || event.signal() != 0) {
            throw failure(
                    FixtureStartException.Reason.FAILED,
                    ReadinessMessages.taskFailed(who(), event.pid(), event.describe()));
        }
        return leftovers;
    }

    private String who() {
        return words.named(spec.id());
    }

    /** The message with the task's log tail, which usually says why. */
    private FixtureStartException failure(FixtureStartException.Reason reason, String message) {
        return new FixtureStartException(
                spec.id(), reason, message + LogTail.forMessage(context.logFile(), LOG_TAIL_LINES));
    }
}
