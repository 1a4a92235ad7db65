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
        ProcessBuilder builder =
                new ProcessBuilder("python3", "-m", "http.server", Integer.toString(port), "--bind", "127.0.0.1");
        builder.environment().put("TETHER_TEST", "bench-bare");
        Process server = builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long pause = 1;
        while (!accepts(port)) {
            Thread.sleep(pause); // the same backoff as Tether's probes: 1ms doubling to 10ms
            pause = Math.min(pause * 2, 10);
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
