package dev.tether.killer.testing;

import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.config.FixtureSpec;
import dev.tether.killer.config.Probe;
import dev.tether.killer.config.Readiness;
import dev.tether.killer.fixture.FixtureGroup;
import dev.tether.killer.fixture.GroupOptions;
import dev.tether.killer.fixture.GroupStopReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs inside another system's root (OldGlibcIT): starts a server and a chain in a working directory, reports
 * what the OS shows (the spawn path the supervisor chose, the chain's working directory, the descriptors the
 * server inherited), stops both and reports the stop. Plain output, one fact per line, for the test to check.
 */
public final class OldLibcDriver {
    private OldLibcDriver() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("old-libc");
        ProcessSupervisor supervisor = ProcessSupervisor.shared();
        System.out.println("spawn path: " + supervisor.hello().spawnPath());
        FixtureSpec web = FixtureSpec.of("web", "python3 -m http.server ${tether.port.web} --bind 127.0.0.1")
                .withWorkingDirectory(dir)
                .withPorts("web")
                .withReadiness(Readiness.allOf(Duration.ofSeconds(30), new Probe.Tcp("127.0.0.1", "web")));
        FixtureSpec chain = FixtureSpec.of(
                        "chain", List.of("/bin/sh", "-c", "pwd > cwd.txt; sleep 300 & sleep 301 & wait"))
                .withWorkingDirectory(dir);
        try (FixtureGroup group = FixtureGroup.start(List.of(web, chain), GroupOptions.in(dir.resolve("logs")))) {
            System.out.println("working directory: "
                    + (Files.readString(dir.resolve("cwd.txt")).trim().equals(dir.toString()) ? "right" : "WRONG"));
            System.out.println(
                    "inherited descriptors: " + leaked(group.fixture("web").pid()));
            GroupStopReport report = group.stop();
            System.out.println("stop: " + String.join("; ", report.summaries()) + "; clean=" + report.isClean());
        }
    }

    /** Descriptors of the child that point at the supervisor's own files (its jars, archive, log): "none". */
    private static String leaked(int pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Integer.toString(pid), "fd"))) {
            String leaked = fds.map(fd -> {
                        try {
                            return Files.readSymbolicLink(fd).toString();
                        } catch (IOException e) {
                            return "";
                        }
                    })
                    .filter(target ->
                            target.endsWith(".jar") || target.endsWith(".jsa") || target.contains("supervisor-"))
                    .collect(Collectors.joining(", "));
            return leaked.isEmpty() ? "none of the supervisor's" : "LEAKED " + leaked;
        }
    }
}
