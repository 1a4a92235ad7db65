package dev.tether.junit.bench;

import dev.tether.junit.ManagedProcess;
import dev.tether.junit.Ready;
import org.junit.jupiter.api.RepeatedTest;

/** The measured case: each test gets its own server, ready by tcp, reaped after. */
public class FixturePerTestCases {
    @RepeatedTest(ExtensionBenchmark.TESTS)
    @ManagedProcess(
            id = "web",
            command = {"perl", "-MIO::Socket::INET", "-e", ExtensionBenchmark.SERVER, "${tether.port.web}"},
            ports = "web",
            ready = @Ready(tcp = "web"))
    void test() {}
}
