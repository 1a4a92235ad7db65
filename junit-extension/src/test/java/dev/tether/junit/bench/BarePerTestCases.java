package dev.tether.junit.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.RepeatedTest;

/** The baseline: what a test does by hand: ProcessBuilder, poll the port the same way, destroy, wait. */
public class BarePerTestCases {
    @RepeatedTest(ExtensionBenchmark.TESTS)
    void test() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(
                "perl", "-MIO::Socket::INET", "-e", ExtensionBenchmark.SERVER, Integer.toString(port));
        builder.environment().put("TETHER_TEST", "bench-bare");
        Process server = builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        while (!accepts(port)) {
            Thread.sleep(1); // as often as Tether's probes in their first 5 s, so neither notices sooner
        }
        server.destroy();
        server.waitFor();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
