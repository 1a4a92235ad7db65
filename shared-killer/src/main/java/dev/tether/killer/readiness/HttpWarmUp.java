package dev.tether.killer.readiness;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One HTTP request against a throwaway loopback socket of this JVM, on a background thread, while the first server
 * with an http probe starts. The JDK's first {@code HttpURLConnection} request in a fresh JVM costs ~13-25 ms here
 * (its classes, the network properties, the header parsing) against 0.8 ms for the next: without this it was paid
 * between the server answering and {@code start()} returning. Nothing leaves this JVM: the socket listens on
 * loopback, on a port of the kernel's choosing, and is closed at once.
 */
final class HttpWarmUp {
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final int TIMEOUT_MS = 2000;

    private HttpWarmUp() {}

    static void startOnce() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(HttpWarmUp::requestOnce, "tether-http-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** One thread plays both sides: the answer is written before the request is read, which HTTP/1.0 allows here. */
    private static void requestOnce() {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(TIMEOUT_MS);
            URL url = new URL("http", server.getInetAddress().getHostAddress(), server.getLocalPort(), "/");
            HttpURLConnection connection = (HttpURLConnection) url.openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout(TIMEOUT_MS);
            connection.setReadTimeout(TIMEOUT_MS);
            connection.setInstanceFollowRedirects(false);
            connection.connect();
            try (Socket accepted = server.accept()) {
                OutputStream out = accepted.getOutputStream();
                out.write("HTTP/1.0 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                accepted.shutdownOutput();
                connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (IOException | RuntimeException e) {
            // a cache of the JDK's first-use work: the probe's own first request then pays it
        }
    }
}
