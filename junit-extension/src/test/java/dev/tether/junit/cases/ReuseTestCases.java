package dev.tether.junit.cases;

import dev.tether.junit.Fixture;
import dev.tether.junit.ManagedProcess;
import dev.tether.junit.ProcessFixture;
import dev.tether.junit.Ready;
import org.junit.jupiter.api.Test;

/** A server the driving IT also keeps up the way tether:run would, so a run with reuse on uses that one. */
@ManagedProcess(
        id = "web",
        command = {"python3", "-m", "http.server", "${tether.port.web}", "--bind", "127.0.0.1"},
        ports = "web",
        ready = @Ready(tcp = "web"))
public class ReuseTestCases {
    @Test
    void usesTheServer(@Fixture("web") ProcessFixture web) {
        Seen.PIDS.add(web.pid());
        Seen.PORTS.add(web.port("web"));
    }
}
