package dev.tether.killer.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.client.SpawnedTree;
import dev.tether.killer.client.TreeSpec;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.stop.StopReport;
import dev.tether.killer.testing.Os;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * nginx in its default mode daemonizes: the launched process forks the master and exits, the master calls
 * setsid() and forks workers that switch to another user. Nothing of it may survive a stop.
 */
@EnabledOnOs(OS.LINUX)
class NginxIT {
    static final Path NGINX = Paths.get("/usr/sbin/nginx");

    @TempDir
    Path dir;

    @Test
    void daemonizedNginxMasterAndWorkersAreReaped(@TempDir Path ledgers) throws Exception {
        assertTrue(
                Files.isExecutable(NGINX),
                "nginx is needed for this test: apt-get install -y nginx-light" + " (.ci/run installs it)");
        int port = freePort();
        Path config = NginxConfig.write(dir, port);
        try (ProcessSupervisor supervisor = ProcessSupervisor.launch(ledgers)) {
            SpawnedTree tree = supervisor.spawn(TreeSpec.of(
                    "nginx",
                    List.of(NGINX.toString(), "-p", dir.toString(), "-c", config.toString()),
                    dir,
                    dir.resolve("nginx.log")));
            Os.await("nginx to accept on port " + port, Duration.ofSeconds(20), () -> Os.accepts(port));
            Os.await("the launching nginx to exit", Duration.ofSeconds(20), () -> !tree.isLeaderAlive());
            int master =
                    Integer.parseInt(Files.readString(dir.resolve("nginx.pid")).trim());
            // The master accepts before it has forked its workers: wait for them, they are what must be reaped.
            Os.await(
                    "nginx's master and two workers",
                    Duration.ofSeconds(20),
                    () -> Os.snapshot().withDescendants(List.of(master)).size() >= 3);
            List<ProcessId> nginx = Os.snapshot().withDescendants(List.of(master)).stream()
                    .map(p -> Os.idOf(p.pid())) // in the engine's units, as Os.isAlive compares
                    .toList();

            StopReport report = tree.stop();

            assertTrue(report.isClean(), report.summary());
            assertTrue(nginx.stream().noneMatch(Os::isAlive), "alive after stop: " + Os.describe(nginx));
            assertFalse(Os.accepts(port), "port " + port + " still accepts after stop");
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
