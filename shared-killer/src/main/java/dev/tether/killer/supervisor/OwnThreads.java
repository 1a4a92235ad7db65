package dev.tether.killer.supervisor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs one task per item, each on a fresh daemon thread, all at once. Not the common pool: it has a single
 * thread on a 2-core machine, which ran the trees' stops one after another when the owner died.
 */
final class OwnThreads {
    /** A task that may be interrupted (stops wait between their signals). */
    @FunctionalInterface
    interface Task<T, R> {
        R run(T item) throws InterruptedException;
    }

    private OwnThreads() {}

    /** The futures, in the order of {@code items}; an interrupted task completes exceptionally. */
    static <T, R> List<CompletableFuture<R>> startEach(List<T> items, String threadName, Task<T, R> task) {
        List<CompletableFuture<R>> results = new ArrayList<>();
        for (T item : items) {
            CompletableFuture<R> result = new CompletableFuture<>();
            Thread thread = new Thread(
                    () -> {
                        try {
                            result.complete(task.run(item));
                        } catch (InterruptedException e) {
                            result.completeExceptionally(new CompletionException(e));
                        } catch (RuntimeException | Error e) {
                            result.completeExceptionally(e);
                        }
                    },
                    threadName);
            thread.setDaemon(true);
            thread.start();
            results.add(result);
        }
        return results;
    }
}
