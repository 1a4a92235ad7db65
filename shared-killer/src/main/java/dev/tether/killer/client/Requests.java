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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
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
     * Waits for an answer even when the caller is interrupted (the flag stays set for it): once sent, a request is
     * done by the supervisor anyway, and its answer names what it did. An owner that stopped listening would not
     * know the tree a spawn started (left running until the supervisor's end), nor wait for a stop the next one must
     * follow. Fixtures start and stop on the caller's own thread, which a test framework may interrupt.
     */
    private static Message.Answer awaitEvenIfInterrupted(CompletableFuture<Message.Answer> answer, Duration timeout)
            throws ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Sends the request {@code make} builds around a fresh id and waits for its answer. */
    <T extends Message.Answer> T send(IntFunction<Message.Request> make, Class<T> answerType, Duration timeout) {
        int id = ids.incrementAndGet();
        CompletableFuture<Message.Answer> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            synchronized (out) {
                Codec.write(out, make.apply(id));
                out.flush();
            }
            Message.Answer reply = awaitEvenIfInterrupted(answer, timeout);
            if (!answerType.isInstance(reply)) {
                throw new SupervisorException(ClientMessages.wrongAnswer(
                        pid, id, String.valueOf(reply), answerType.getSimpleName(), logFile));
            }
            return answerType.cast(reply);
        } catch (IOException e) {
            throw died.apply(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof TetherException t ? t : died.apply(e.getCause());
        } catch (TimeoutException e) {
            throw new SupervisorException(ClientMessages.noAnswer(pid, Durations.format(timeout), logFile));
        } finally {
            pending.remove(id);
        }
    }

    /**
     * Sends the request {@code make} builds around a fresh id without waiting: the future completes with its answer,
     * or fails (the supervisor gone, no answer within {@code timeout}).
     */
    CompletableFuture<Message.Answer> sendLater(IntFunction<Message.Request> make, Duration timeout) {
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
        return answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
