package dev.tether.killer.client;

import dev.tether.killer.SupervisorException;
import dev.tether.killer.protocol.Codec;
import dev.tether.killer.protocol.Message;
import dev.tether.killer.text.Durations;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Everything that comes back from the supervisor, read on one daemon thread: answers to requests, its hello,
 * the end of its start-up sweep, leader exits and notices. When the pipe closes, {@code whenGone} decides what
 * the failure is (and may reap in the supervisor's place first); every pending and future wait then fails with it.
 */
final class SupervisorEvents {
    private final Requests requests;
    final Notices notices = new Notices();
    final CompletableFuture<SupervisorHello> hello = new CompletableFuture<>();
    final CompletableFuture<Integer> swept = new CompletableFuture<>();
    /** Completes when the reader has seen the pipe close and done what that requires. */
    final CompletableFuture<Void> ended = new CompletableFuture<>();

    private final List<Consumer<ExitEvent>> exitListeners = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<ExitEvent>> leaderExits = new ConcurrentHashMap<>();
    private final Thread reader;

    SupervisorEvents(
            InputStream fromSupervisor,
            long pid,
            Requests requests,
            Function<IOException, SupervisorException> whenGone) {
        this.requests = requests;
        this.reader = new Thread(() -> read(fromSupervisor, whenGone), "tether-supervisor-events-" + pid);
        reader.setDaemon(true);
    }

    void start() {
        reader.start();
    }

    boolean isReaderThread() {
        return Thread.currentThread() == reader;
    }

    void onExit(Consumer<ExitEvent> listener) {
        exitListeners.add(listener);
    }

    void removeExitListener(Consumer<ExitEvent> listener) {
        exitListeners.remove(listener);
    }

    CompletableFuture<ExitEvent> exitOf(String id) {
        return leaderExits.computeIfAbsent(id, k -> new CompletableFuture<>());
    }

    void forget(String id) {
        leaderExits.remove(id);
    }

    private void read(InputStream fromSupervisor, Function<IOException, SupervisorException> whenGone) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(fromSupervisor))) {
            String noise = Codec.readPreamble(in);
            if (!noise.isBlank()) {
                notices.announce("the supervisor JVM printed before starting: " + noise.strip());
            }
            while (true) {
                dispatch(Codec.read(in));
            }
        } catch (IOException e) {
            SupervisorException gone = whenGone.apply(e);
            hello.completeExceptionally(gone);
            swept.completeExceptionally(gone);
            requests.failAll(gone);
        } finally {
            ended.complete(null);
        }
    }

    private void dispatch(Message message) throws IOException {
        if (message instanceof Message.Failed failed) {
            requests.fail(failed.id(), new SupervisorException(failed.message()));
        } else if (message instanceof Message.Answer answer) {
            requests.answer(answer);
        } else if (message instanceof Message.Hello h) {
            hello.complete(new SupervisorHello(h.pid(), h.startTime(), h.subreaper(), h.cgroup(), h.spawnPath()));
        } else if (message instanceof Message.Swept sweep) {
            swept.complete(sweep.trees());
        } else if (message instanceof Message.Exited exited) {
            ExitEvent event =
                    new ExitEvent(exited.key(), exited.pid(), exited.exitCode(), exited.signal(), exited.treeEnded());
            exitOf(event.id()).complete(event);
            exitListeners.forEach(listener -> Notices.tell(listener, event));
        } else if (message instanceof Message.Notice notice) {
            notices.announce(notice.text());
        } else {
            throw new IOException("the supervisor sent " + message + ", which only an owner sends");
        }
    }

    /** How many trees the start-up sweep of crashed builds' leftovers stopped, once it finished. */
    int awaitSweep(Duration timeout, Path logFile) {
        try {
            return swept.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SupervisorException(ClientMessages.interrupted("waiting for the sweep of crashed builds"), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new SupervisorException(
                    ClientMessages.sweepUnfinished(Durations.format(timeout), SupervisorLog.rootMessage(e), logFile),
                    e);
        }
    }
}
