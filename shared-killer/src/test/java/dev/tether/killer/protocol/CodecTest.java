package dev.tether.killer.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.Signal;
import dev.tether.killer.stop.ProcessOutcome;
import dev.tether.killer.stop.StopPolicy;
import dev.tether.killer.stop.StopReport;
import dev.tether.killer.stop.Survivor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every message survives the wire unchanged; the preamble refuses another version. */
class CodecTest {
    private static final StopPolicy POLICY = StopPolicy.parse("INT 2s, TERM 500ms, KILL 1s");

    /** One sample of every message, with the awkward values: empty and long strings, non-ASCII, extremes. */
    static List<Message> samples() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", "/usr/bin:/bin");
        environment.put("EMPTY", "");
        environment.put("LONG", "x".repeat(70_000)); // beyond writeUTF's 64 KiB
        StopReport report = new StopReport(
                "wéb",
                List.of(
                        new ProcessOutcome(
                                42, "python3 -m http.server 8080", Signal.TERM, 1, Duration.ofMillis(3), "0"),
                        new ProcessOutcome(43, "", Signal.KILL, 2, Duration.ofSeconds(10), "killed by KILL")),
                List.of(new Survivor(44, "sleep 300", "EPERM: another user's process")),
                Duration.ofNanos(123_456_789));
        return List.of(
                new Message.Spawn(
                        1,
                        "web#g1",
                        "/usr/bin/python3",
                        List.of("python3", "-m", "http.server", "ünï"),
                        environment,
                        "/tmp/work dir",
                        "/tmp/web.log",
                        POLICY),
                new Message.Stop(2, "web#g1", POLICY),
                new Message.Members(3, "web#g1"),
                new Message.Unclaimed(4),
                new Message.PortHolder(6, "web#g1", 65535),
                new Message.Ready(8, "web#g1"),
                new Message.Shutdown(Integer.MAX_VALUE),
                new Message.Spawned(1, 4242, Long.MAX_VALUE, "cookie-uuid", ""),
                new Message.Spawned(1, 4242, 0, "cookie-uuid", "/sys/fs/cgroup/tether-1/f1"),
                new Message.Failed(1, "Fixture 'web': no such file\nsecond line"),
                new Message.Stopped(2, report, true),
                new Message.Stopped(2, new StopReport("empty", List.of(), List.of(), Duration.ZERO), false),
                new Message.MemberList(
                        3,
                        List.of(
                                new ProcessInfo(1, 0, 1, 1, 99, 'S', "init"),
                                new ProcessInfo(4242, 1, 4242, 4242, 100, 'Z', "name with spaces"))),
                new Message.MemberList(4, List.of()),
                new Message.Bye(5),
                new Message.Noted(8),
                new Message.PortHeld(6, true, false),
                new Message.PortHeld(7, false, false),
                new Message.Hello(77, 123456, true, "/sys/fs/cgroup/x", "posix_spawn (glibc 2.36)"),
                new Message.Exited("web#g1", 4242, -1, 9, true),
                new Message.Notice("Stopping 4243 sleep 300: it escaped"),
                new Message.Swept(3));
    }

    @Test
    void everyMessageRoundTrips() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        Codec.writePreamble(out);
        for (Message message : samples()) {
            Codec.write(out, message);
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals("", Codec.readPreamble(in));
        for (Message message : samples()) {
            assertEquals(message, Codec.read(in));
        }
        assertThrows(EOFException.class, () -> Codec.read(in), "nothing more on the wire");
    }

    /** A message type added without a sample here (and so without a wire form checked) fails this test. */
    @Test
    void theSamplesCoverEveryMessageType() {
        Set<Class<?>> sampled = new HashSet<>();
        samples().forEach(m -> sampled.add(m.getClass()));
        Deque<Class<?>> types = new ArrayDeque<>(List.of(Message.class));
        while (!types.isEmpty()) {
            Class<?> type = types.pop();
            if (type.isSealed()) {
                types.addAll(List.of(type.getPermittedSubclasses()));
            } else {
                assertTrue(sampled.contains(type), type.getSimpleName() + " has no sample in " + getClass());
            }
        }
    }

    @Test
    void outputBeforeThePreambleIsReturnedNotParsed() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("OpenJDK warning: sharing\n\u0000TETHER".getBytes(StandardCharsets.UTF_8)); // a near miss too
        Codec.writePreamble(bytes);
        DataOutputStream out = new DataOutputStream(bytes);
        Codec.write(out, new Message.Swept(0));
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));

        assertEquals("OpenJDK warning: sharing\n\u0000TETHER", Codec.readPreamble(in));
        assertEquals(new Message.Swept(0), Codec.read(in));
    }

    @Test
    void aSupervisorOfAnotherVersionIsRefusedByName() {
        byte[] other = "\u0000TETHER-SUPERVISOR-1\u0000".getBytes(StandardCharsets.US_ASCII);
        IOException error = assertThrows(
                IOException.class, () -> Codec.readPreamble(new DataInputStream(new ByteArrayInputStream(other))));
        assertTrue(
                error.getMessage().contains("protocol version 1, this owner version " + Codec.VERSION),
                error.getMessage());
        assertTrue(error.getMessage().contains("two tether-killer versions"), error.getMessage());
    }

    @Test
    void anUnknownTypeIsAnErrorNamingIt() {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(new byte[] {99}));
        IOException error = assertThrows(IOException.class, () -> Codec.read(in));
        assertTrue(error.getMessage().contains("unknown message type 99"), error.getMessage());
    }
}
