package dev.tether.junit.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.junit.Fixture;
import dev.tether.junit.ManagedProcess;
import dev.tether.junit.ProcessFixture;
import dev.tether.junit.Ready;
import java.net.Socket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A class-scoped fixture injected into @BeforeAll and @BeforeEach, where a client is usually set up. */
@ManagedProcess(
        id = "web",
        command = {"python3", "-m", "http.server", "${tether.port.web}", "--bind", "127.0.0.1"},
        ports = "web",
        ready = @Ready(tcp = "web", timeout = "30s"))
public class LifecycleMethodTestCases {
    private static int portSeenBeforeAll;
    private int portSeenBeforeEach;

    @BeforeAll
    static void connectOnce(@Fixture("web") ProcessFixture web) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", web.port("web"))) {
            assertTrue(socket.isConnected(), "ready before @BeforeAll runs");
        }
        portSeenBeforeAll = web.port("web");
        Seen.PIDS.add(web.pid());
    }

    @BeforeEach
    void connectEach(@Fixture("web") ProcessFixture web) {
        portSeenBeforeEach = web.port("web");
        Seen.PIDS.add(web.pid());
    }

    @Test
    void seesTheSameFixture(@Fixture("web") ProcessFixture web) {
        assertEquals(portSeenBeforeAll, web.port("web"));
        assertEquals(portSeenBeforeEach, web.port("web"));
        Seen.PIDS.add(web.pid());
    }
}
