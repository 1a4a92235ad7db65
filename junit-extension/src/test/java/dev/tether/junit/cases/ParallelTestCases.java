package dev.tether.junit.cases;

import dev.tether.junit.Fixture;
import dev.tether.junit.ManagedProcess;
import dev.tether.junit.ProcessFixture;
import dev.tether.junit.Ready;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

@Execution(ExecutionMode.CONCURRENT)
public class ParallelTestCases {
    @RepeatedTest(6)
    @ManagedProcess(
            id = "web",
            command = {"python3", "-m", "http.server", "${tether.port.web}", "--bind", "127.0.0.1"},
            ports = "web",
            ready = @Ready(http = "http://127.0.0.1:${tether.port.web}/", timeout = "30s"))
    void eachRunHasItsOwnServer(@Fixture("web") ProcessFixture web) {
        Seen.PIDS.add(web.pid());
        Seen.PORTS.add(web.port("web"));
    }
}
