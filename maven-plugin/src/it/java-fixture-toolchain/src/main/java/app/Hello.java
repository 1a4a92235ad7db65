package app;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A server that also starts a child of its own, as real servers do (a worker, a compiler, a browser). */
public class Hello {
    public static void main(String[] args) throws Exception {
        Process child = new ProcessBuilder("sleep", "300").start();
        Files.writeString(Path.of("child.pid"), Long.toString(child.pid()));
        int port = Integer.getInteger("hello.port");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        byte[] body = ("hello " + String.join(" ", args)).getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }
}
