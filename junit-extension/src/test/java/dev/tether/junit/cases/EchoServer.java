package dev.tether.junit.cases;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Java fixture for {@link JavaMainTestCases}: greets every connection on {@code -Decho.port} with its
 * arguments, and starts a child of its own (whose pid it writes to the file named by its first argument), so
 * the test can see that the whole tree is reaped.
 */
public final class EchoServer {
    private EchoServer() {}

    public static void main(String[] args) throws Exception {
        Process child = new ProcessBuilder("sleep", "300").start();
        Files.writeString(Path.of(args[0]), Long.toString(child.pid()));
        byte[] greeting =
                (String.join(" ", args).substring(args[0].length()).strip() + "\n").getBytes(StandardCharsets.UTF_8);
        try (ServerSocket server =
                new ServerSocket(Integer.getInteger("echo.port"), 50, InetAddress.getLoopbackAddress())) {
            while (true) {
                try (Socket client = server.accept();
                        OutputStream out = client.getOutputStream()) {
                    out.write(greeting);
                }
            }
        }
    }
}
