package dev.tether.junit.bench;

import dev.tether.junit.ManagedProcess;
import dev.tether.junit.Ready;
import org.junit.jupiter.api.RepeatedTest;

/** The measured case: each test gets its own server, ready by tcp, reaped after. */
public class FixturePerTestCases {
    @RepeatedTest(ExtensionBenchmark.TESTS)
    @ManagedProcess(
            id = "web",
            command = {"python3", "-m", "http.server", "${tether.port.web}", "--bind", "127.0.0.1"},
            ports = "web",
            ready = @Ready(tcp = "web"))
    void test() {}
}
