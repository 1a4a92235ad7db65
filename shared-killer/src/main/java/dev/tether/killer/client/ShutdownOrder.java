package dev.tether.killer.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What runs when the JVM shuts down, in order: the callers' own tasks first (an adapter stops and reports its
 * fixtures), then the supervisor's close. JVM shutdown hooks run in no order, so one hook runs them all.
 */
final class ShutdownOrder {
    private final List<Runnable> tasks = new CopyOnWriteArrayList<>();
    private final KnownTrees trees;

    ShutdownOrder(KnownTrees trees) {
        this.trees = trees;
    }

    void add(Runnable task) {
        tasks.add(task);
    }

    void run(ProcessSupervisor supervisor) {
        try {
            for (Runnable task : tasks) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    System.err.println("[tether] a shutdown task failed: " + e);
                }
            }
            if (!trees.isEmpty() && supervisor.isAlive()) {
                // Ctrl-C, or a build that skipped its stop: say what ends with the JVM, on the one stream still
                // sure to reach the user now
                System.err.println("[tether] This JVM is ending: stopping every process of "
                        + String.join(", ", trees.names()) + " with it.");
            }
            supervisor.close();
        } catch (LinkageError e) {
            // Maven may have closed the plugin's class loader before this hook runs: what is not loaded yet
            // cannot be. Closing the pipe needs nothing new, and makes the supervisor stop every tree itself.
            supervisor.closePipe();
        }
    }
}
