package it;

import dev.tether.junit.Fixture;
import dev.tether.junit.ManagedProcess;
import dev.tether.junit.ProcessFixture;
import dev.tether.junit.Ready;
import java.util.List;
import org.junit.jupiter.api.Test;

@ManagedProcess(
        id = "chain",
        command = {"sh", "-c", "sh -c 'sleep 300 & sleep 301 & wait' & sleep 302 & echo up; wait"},
        ready = @Ready(log = "up"))
class ChainTest {
    @Test
    void chainRuns(@Fixture("chain") ProcessFixture chain) throws Exception {
        Pids.record("chain", List.of(chain.pid()));
    }

    @Test
    @ManagedProcess(id = "web", command = {"python3", "-m", "http.server", "${tether.port.web}", "--bind", "127.0.0.1"},
            ports = "web", ready = @Ready(tcp = "web"))
    void methodServerOne(@Fixture("web") ProcessFixture web) throws Exception {
        Pids.record("web-one", List.of(web.pid()));
    }

    @Test
    @ManagedProcess(id = "web", command = {"python3", "-m", "http.server", "${tether.port.web}", "--bind", "127.0.0.1"},
            ports = "web", ready = @Ready(tcp = "web"))
    void methodServerTwo(@Fixture("web") ProcessFixture web) throws Exception {
        Pids.record("web-two", List.of(web.pid()));
    }
}
