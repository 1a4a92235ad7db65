package dev.tether.junit.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.junit.Fixture;
import dev.tether.junit.ManagedProcess;
import dev.tether.junit.ProcessFixture;
import dev.tether.junit.Ready;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

public class JavaMainTestCases {
    static final String CHILD_PID_FILE = "target/java-main-child.pid";

    /** The test class path's own main class, the port in a JVM argument, two program arguments. */
    @Test
    @ManagedProcess(
            id = "echo",
            javaMain = "dev.tether.junit.cases.EchoServer",
            jvmArgs = {"-Xmx32m", "-Decho.port=${tether.port.echo}"},
            args = {CHILD_PID_FILE, "hello from java"},
            ports = "echo",
            ready = @Ready(tcp = "echo", timeout = "30s"))
    void aJavaMainClassIsAFixture(@Fixture("echo") ProcessFixture echo) throws IOException {
        Seen.PIDS.add(echo.pid());
        Seen.PIDS.add(Integer.parseInt(Files.readString(Path.of(CHILD_PID_FILE)).trim()));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), echo.port("echo"));
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("hello from java", in.readLine());
        }
    }

    @Test
    @ManagedProcess(id = "confused", command = "sleep 300", jvmArgs = "-Xmx32m")
    void javaArgumentsWithoutAMainClassAreRefused() {}
}
