package dev.tether.junit.cases;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.junit.Fixture;
import dev.tether.junit.ManagedProcess;
import dev.tether.junit.ProcessFixture;
import dev.tether.junit.Ready;
import java.net.Socket;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

@ManagedProcess(
        id = "web",
        command = {"python3", "-m", "http.server", "${tether.port.web}", "--bind", "127.0.0.1"},
        ports = "web",
        ready = @Ready(tcp = "web", timeout = "30s"))
public class ClassScopeTestCases {
    @Test
    void first(@Fixture("web") ProcessFixture web) throws Exception {
        Seen.PIDS.add(web.pid());
        try (Socket socket = new Socket("127.0.0.1", web.port("web"))) {
            assertTrue(socket.isConnected());
        }
        assertTrue(web.isAlive());
        assertTrue(Files.exists(web.logFile()));
    }

    @Test
    void second(@Fixture("web") ProcessFixture web) {
        Seen.PIDS.add(web.pid());
        assertTrue(web.isAlive());
    }
}
