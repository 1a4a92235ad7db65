package dev.tether.killer.readiness;

import dev.tether.killer.client.ExitEvent;
import dev.tether.killer.client.SpawnedTree;
import dev.tether.killer.client.TreeSpec;
import dev.tether.killer.stop.StopPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs the command through the supervisor, so even a probe's processes are reaped however the owner ends. */
final class CommandCheck implements ProbeCheck {
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final long MAX_RUN_MILLIS = 10_000;
    private final ProbeContext context;
    private final List<String> argv;
    private String failure = "not tried yet";

    CommandCheck(ProbeContext context, List<String> argv) {
        this.context = context;
        this.argv = argv;
    }

    @Override
    public boolean passes() {
        String key = context.key() + ".probe-" + RUNS.incrementAndGet();
        Path log = context.logFile().resolveSibling(context.id() + ".probe.log");
        SpawnedTree run = context.supervisor()
                .spawn(TreeSpec.of(key, argv, context.workingDirectory(), log)
                        .withStopPolicy(StopPolicy.parse("TERM 1s")));
        try {
            ExitEvent exit = context.supervisor().exitOf(key).get(MAX_RUN_MILLIS, TimeUnit.MILLISECONDS);
            failure = String.join(" ", argv) + " ended with " + exit.describe();
            return exit.exitCode() == 0 && exit.signal() == 0;
        } catch (TimeoutException e) {
            failure = String.join(" ", argv) + " did not finish within " + MAX_RUN_MILLIS + "ms";
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            failure = e.getCause().getMessage();
            return false;
        } finally {
            run.stop();
        }
    }

    @Override
    public String lastFailure() {
        return failure;
    }
}
