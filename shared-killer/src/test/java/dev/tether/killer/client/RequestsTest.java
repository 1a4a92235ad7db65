package dev.tether.killer.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.SupervisorException;
import dev.tether.killer.protocol.Codec;
import dev.tether.killer.protocol.Message;
import dev.tether.killer.stop.StopPolicy;
import dev.tether.killer.testing.Os;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * The pairing of requests and answers, and what a caller gets when the supervisor answers wrongly, late or never
 * hears the request: each is a {@link SupervisorException} saying so, whether the caller waits or sends and goes on.
 */
class RequestsTest {
    private static final Path LOG = Path.of("/tmp/tether-supervisor-test.log");
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final Requests requests = new Requests(sent, 4242, LOG, cause -> new SupervisorException("died: " + cause));

    @Test
    void aRequestSentWithoutWaitingCompletesWithTheAnswerCarryingItsId() throws IOException {
        CompletableFuture<Message.Noted> noted =
                requests.sendLater(id -> new Message.Ready(id, "web"), Message.Noted.class, PATIENCE);

        Message.Ready written = (Message.Ready) onlyRequestSent();
        assertEquals("web", written.key());
        assertFalse(noted.isDone(), "completed before any answer");
        requests.answer(new Message.Noted(written.id() + 1)); // another request's answer
        assertFalse(noted.isDone(), "completed by another request's answer");
        requests.answer(new Message.Noted(written.id()));
        assertEquals(written.id(), noted.join().id());
    }

    @Test
    void anAnswerOfTheWrongKindIsASupervisorErrorNamingWhatWasExpected() throws IOException {
        CompletableFuture<Message.Stopped> stopped = requests.sendLater(
                id -> new Message.Stop(id, "web", StopPolicy.DEFAULT), Message.Stopped.class, PATIENCE);
        requests.answer(new Message.Noted(onlyRequestSent().id()));

        SupervisorException error = assertThrows(SupervisorException.class, () -> Requests.awaited(stopped));
        assertTrue(error.getMessage().contains("instead of a Stopped"), error.getMessage());
        assertTrue(error.getMessage().contains("pid 4242"), error.getMessage());
    }

    @Test
    void noAnswerWithinThePatienceIsASupervisorErrorSayingHowLongItWaited() {
        SupervisorException error = assertThrows(
                SupervisorException.class,
                () -> requests.send(Message.Unclaimed::new, Message.MemberList.class, Duration.ofMillis(50)));

        assertTrue(error.getMessage().contains("did not answer within"), error.getMessage());
        assertTrue(error.getMessage().contains(LOG.toString()), error.getMessage());
    }

    @Test
    void aPipeThatCannotBeWrittenIsTheSupervisorsDeath() {
        Requests broken = new Requests(
                new OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        throw new IOException("Broken pipe");
                    }
                },
                4242,
                LOG,
                cause -> new SupervisorException("died: " + cause.getMessage()));

        CompletableFuture<Message.MemberList> later =
                broken.sendLater(Message.Unclaimed::new, Message.MemberList.class, PATIENCE);

        CompletionException wrapped = assertThrows(CompletionException.class, later::join);
        assertEquals("died: Broken pipe", wrapped.getCause().getMessage());
        SupervisorException waited = assertThrows(
                SupervisorException.class,
                () -> broken.send(Message.Unclaimed::new, Message.MemberList.class, PATIENCE));
        assertEquals("died: Broken pipe", waited.getMessage());
    }

    @Test
    void aWaitingCallerThatIsInterruptedStillGetsTheAnswerAndKeepsItsFlag() throws Exception {
        CompletableFuture<Message.Answer> result = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                result.complete(requests.send(Message.Unclaimed::new, Message.MemberList.class, PATIENCE));
                assertTrue(Thread.currentThread().isInterrupted(), "the interrupt was swallowed");
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        caller.start();
        int id = awaitRequestId();
        caller.interrupt();
        Message.MemberList answer = new Message.MemberList(id, List.of());
        requests.answer(answer);
        caller.join(PATIENCE.toMillis());

        assertSame(answer, result.join());
    }

    @Test
    void whenTheSupervisorIsGoneEveryPendingRequestFailsWithTheReason() {
        CompletableFuture<Message.Noted> first =
                requests.sendLater(id -> new Message.Ready(id, "a"), Message.Noted.class, PATIENCE);
        CompletableFuture<Message.Noted> second =
                requests.sendLater(id -> new Message.Ready(id, "b"), Message.Noted.class, PATIENCE);

        requests.failAll(new SupervisorException("the supervisor died"));

        for (CompletableFuture<Message.Noted> pending : List.of(first, second)) {
            SupervisorException error = assertThrows(SupervisorException.class, () -> Requests.awaited(pending));
            assertEquals("the supervisor died", error.getMessage());
        }
    }

    private Message.Request onlyRequestSent() throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(sent.toByteArray()));
        Message.Request request = (Message.Request) Codec.read(in);
        assertEquals(0, in.available(), "more than one request was sent");
        return request;
    }

    /** The caller thread writes its request before it waits: the id is read back from the bytes it wrote. */
    private int awaitRequestId() throws Exception {
        Os.await("the caller to send its request", PATIENCE, () -> sent.size() > 0);
        synchronized (sent) {
            return onlyRequestSent().id();
        }
    }
}
