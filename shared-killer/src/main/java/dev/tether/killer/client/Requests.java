package dev.tether.killer.client;

import dev.tether.killer.SupervisorException;
import dev.tether.killer.TetherException;
import dev.tether.killer.protocol.Codec;
import dev.tether.killer.protocol.Message;
import dev.tether.killer.text.Durations;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Requests to the supervisor and their answers, paired by id: any thread may send, the event reader completes.
 * A broken pipe or a failed answer becomes the exception {@code died} makes of it (naming the death, if any).
 */
final class Requests {
    private final DataOutputStream out;
    private final long pid;
    private final Path logFile;
    private final Function<Throwable, SupervisorException> died;
    private final Map<Integer, CompletableFuture<Message.Answer>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    Requests(OutputStream toSupervisor, long pid, Path logFile, Function<Throwable, SupervisorException> died) {
        this.out = new DataOutputStream(new BufferedOutputStream(toSupervisor));
        this.pid = pid;
        this.logFile = logFile;
        this.died = died;
    }

    /**
     * Sends the request {@code make} builds around a fresh id and waits for its answer, even when the caller is
     * interrupted (the flag stays set for it): once sent, a request is done by the supervisor anyway, and its answer
     * names what it did. An owner that stopped listening would not know the tree a spawn started (left running
     * until the supervisor's end), nor wait for a stop the next one must follow. Fixtures start and stop on the
     * caller's own thread, which a test framework may interrupt.
     */
    <T extends Message.Answer> T send(IntFunction<Message.Request> make, Class<T> answerType, Duration timeout) {
        return awaited(sendLater(make, answerType, timeout));
    }

    /**
     * Waits for {@code answer} without giving up when interrupted ({@link CompletableFuture#join} keeps waiting and
     * sets the flag again), and throws its failure as it was made.
     */
    static <T> T awaited(CompletableFuture<T> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Sends the request {@code make} builds around a fresh id without waiting: the future completes with its answer,
     * or fails with the {@link TetherException} that says why (the supervisor gone, a wrong answer, no answer within
     * {@code timeout}).
     */
    <T extends Message.Answer> CompletableFuture<T> sendLater(
            IntFunction<Message.Request> make, Class<T> answerType, Duration timeout) {
        int id = ids.incrementAndGet();
        CompletableFuture<Message.Answer> answer = new CompletableFuture<>();
        pending.put(id, answer);
        answer.whenComplete((reply, failed) -> pending.remove(id));
        try {
            synchronized (out) {
                Codec.write(out, make.apply(id));
                out.flush();
            }
        } catch (IOException e) {
            answer.completeExceptionally(died.apply(e));
        }
        return answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((reply, failed) -> {
            if (failed != null) {
                throw asTetherFailure(failed instanceof CompletionException c ? c.getCause() : failed, timeout);
            }
            if (!answerType.isInstance(reply)) {
                throw new SupervisorException(ClientMessages.wrongAnswer(
                        pid, id, String.valueOf(reply), answerType.getSimpleName(), logFile));
            }
            return answerType.cast(reply);
        });
    }

    private TetherException asTetherFailure(Throwable failed, Duration timeout) {
        if (failed instanceof TetherException known) {
            return known;
        }
        if (failed instanceof TimeoutException) {
            return new SupervisorException(ClientMessages.noAnswer(pid, Durations.format(timeout), logFile));
        }
        return died.apply(failed);
    }

    void answer(Message.Answer value) {
        CompletableFuture<Message.Answer> answer = pending.get(value.id());
        if (answer != null) {
            answer.complete(value);
        }
    }

    void fail(int id, TetherException error) {
        CompletableFuture<Message.Answer> answer = pending.get(id);
        if (answer != null) {
            answer.completeExceptionally(error);
        }
    }

    /** The supervisor is gone: nothing will be answered. */
    void failAll(TetherException error) {
        pending.values().forEach(answer -> answer.completeExceptionally(error));
    }
}
