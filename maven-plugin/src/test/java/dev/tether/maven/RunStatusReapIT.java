package dev.tether.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.fixture.PortOwners;
import dev.tether.killer.testing.Os;
import dev.tether.killer.tree.ProcessId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The interactive goals on a real Maven: tether:run until Ctrl-C, tether:status beside it (text and JSON), and
 * tether:reap after a crash that took both Maven and its supervisor.
 */
@EnabledOnOs(OS.LINUX)
@Order(1)
class RunStatusReapIT {
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final String PLUGIN = "dev.tether:tether-maven-plugin:" + System.getProperty("tether.version");
    private static final Pattern READY = Pattern.compile("Tether: (\\w+) ready \\(pid (\\d+)\\)");

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path project;

    /**
     * With cgroups the daemon is found in its cgroup; without, through the supervisor's ledger (it left the
     * launcher's group and environment, and its parent exited): status must find it either way, as stop does.
     */
    @ParameterizedTest(name = "cgroups {0}")
    @ValueSource(strings = {"on", "off"})
    void runKeepsServersUntilInterruptedAndStatusSeesEveryTree(String cgroups) throws Exception {
        writeProject();
        Process run = maven(project.resolve("run.log"), "-Dtether.cgroups=" + cgroups, PLUGIN + ":run");
        List<ProcessId> first;
        try {
            first = awaitRunning(project.resolve("run.log"));

            String status = mavenToEnd("status");
            assertTrue(status.contains("Tether status: web running, pid "), status);
            assertTrue(status.contains("port web " + port("web") + " served by the tree"), status);
            assertTrue(status.matches("(?s).*Tether status: chain running, pid \\d+, 3 processes.*"), status);
            assertTrue(status.contains("Tether status: daemon running, pid "), status);
            String json = statusJson();
            assertTrue(json.contains("{\"id\":\"daemon\",\"running\":true,"), json);
            assertTrue(
                    json.contains(
                            "\"processes\":1,\"ports\":{\"api\":{\"port\":" + port("api") + ",\"owner\":\"ok\"}}"),
                    json);
            assertTrue(json.contains("\"processes\":3,\"ports\":{}}"), "chain: sh and two sleeps: " + json);

            interrupt(run);
            assertTrue(run.waitFor(60, TimeUnit.SECONDS), "Maven ends on Ctrl-C");
        } finally {
            end(run); // a failed assertion above must not leave tether:run (and its trees) running
        }
        Os.awaitAllDead(first, Duration.ofSeconds(10));
        assertTrue(Files.readString(project.resolve("run.log")).contains("Tether stop: web: 1 process ended"));
        assertFalse(Files.exists(project.resolve("target/tether/fixtures.state")), "Ctrl-C removes the state file");
        assertEquals("{\"fixtures\":[]}", statusJson());
    }

    @Test
    void reapCleansUpACrashAndStatusTellsWhoHoldsTheirPortsAfterwards() throws Exception {
        writeProject();

        // a crash that takes Maven and its supervisor: the trees are orphaned until tether:reap
        Process crashed = maven(project.resolve("crash.log"), PLUGIN + ":run");
        List<ProcessId> orphans;
        try {
            orphans = awaitRunning(project.resolve("crash.log"));
        } catch (AssertionError | RuntimeException e) {
            end(crashed);
            throw e;
        }
        try {
            ProcessHandle supervisor = crashed.toHandle()
                    .descendants()
                    .filter(p -> Os.PROC.commandLine((int) p.pid()).contains("SupervisorMain"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no supervisor under Maven " + crashed.pid()));
            supervisor.destroyForcibly();
            Os.await("the supervisor to die", SETTLE, () -> !supervisor.isAlive());
            crashed.destroyForcibly().waitFor();
            assertTrue(orphans.stream().allMatch(Os::isAlive), "orphaned, still running: " + Os.describe(orphans));

            String reap = mavenToEnd("reap");
            Os.awaitAllDead(orphans, Duration.ofSeconds(10));
            assertTrue(reap.contains("Reaped leftovers of a crashed build"), reap);
            assertTrue(reap.matches("(?s).*stopped [2-9]\\d* leftover process tree\\(s\\).*"), reap);
        } finally {
            // a failed assertion above must leave nothing: end Maven, then the orphans the way a user would
            end(crashed);
            if (orphans.stream().anyMatch(Os::isAlive)) {
                mavenToEnd("reap");
            }
        }

        // the state file of the crashed build remains: status says what runs now, and who holds the ports
        String json = statusJson();
        assertTrue(json.contains("{\"id\":\"web\",\"running\":false,"), json);
        assertTrue(json.contains("\"web\":{\"port\":" + port("web") + ",\"owner\":\"free\"}"), json);
        ProcessBuilder squatter = new ProcessBuilder(
                        "python3", "-m", "http.server", Integer.toString(port("web")), "--bind", "127.0.0.1")
                .redirectErrorStream(true)
                .redirectOutput(project.resolve("squatter.log").toFile());
        squatter.environment().put(Os.TEST_MARKER, "run-status-reap");
        Process stranger = squatter.start();
        try {
            Os.await(
                    "the stranger to listen",
                    SETTLE,
                    () -> Os.readLines(project.resolve("squatter.log")).stream()
                            .anyMatch(l -> l.contains("Serving HTTP")));
            json = statusJson();
            assertTrue(
                    json.contains("\"web\":{\"port\":" + port("web") + ",\"owner\":\"wrong\",\"holders\":["
                            + stranger.pid() + "]}"),
                    json);
            assertTrue(mavenToEnd("status").contains("WRONG OWNER: held by pid " + stranger.pid()));
        } finally {
            stranger.destroyForcibly().waitFor();
        }
    }

    private static void interrupt(Process maven) throws Exception {
        new ProcessBuilder("kill", "-INT", Long.toString(maven.pid())).start().waitFor();
    }

    /** Ctrl-C, as a user would (Tether stops the trees); if Maven does not end, kill it (its supervisor does). */
    private static void end(Process maven) throws Exception {
        if (maven.isAlive()) {
            interrupt(maven);
            if (!maven.waitFor(60, TimeUnit.SECONDS)) {
                maven.destroyForcibly().waitFor();
            }
        }
    }

    /** {@code mvn -q tether:status -Dtether.output=json}: standard output must be the document alone. */
    private String statusJson() throws Exception {
        Path out = project.resolve("status.json");
        Process maven = maven(out, "-q", "-Dtether.output=json", PLUGIN + ":status");
        assertTrue(maven.waitFor(120, TimeUnit.SECONDS), "status did not finish");
        // Debian's Maven 3.8 writes colour resets (ESC[0m) of its own even with -B; upstream Maven does not
        String json = Files.readString(out).replaceAll("\u001b\\[[0-9;]*m", "").trim();
        assertEquals(0, maven.exitValue(), json);
        assertTrue(json.startsWith("{\"fixtures\":[") && json.endsWith("]}") && !json.contains("\n"), json);
        return json;
    }

    private int port(String name) throws IOException {
        Properties ports = new Properties();
        try (var in = Files.newBufferedReader(project.resolve("target/tether/ports.properties"))) {
            ports.load(in);
        }
        return Integer.parseInt(ports.getProperty("tether.port." + name));
    }

    private void writeProject() throws IOException {
        Files.writeString(project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.tether.it</groupId>
                  <artifactId>run-status-reap</artifactId>
                  <version>1.0</version>
                  <packaging>pom</packaging>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>dev.tether</groupId>
                        <artifactId>tether-maven-plugin</artifactId>
                        <version>%s</version>
                        <configuration>
                          <processes>
                            <process>
                              <id>web</id>
                              <command>python3 -m http.server ${tether.port.web} --bind 127.0.0.1</command>
                              <ports><port>web</port></ports>
                              <ready><tcp>web</tcp></ready>
                            </process>
                            <process>
                              <id>daemon</id>
                              <command>sh -c 'env -i TETHER_TEST=run-status-reap PATH=/usr/bin:/bin setsid python3 -m http.server ${tether.port.api} --bind 127.0.0.1 &lt;/dev/null &gt;/dev/null 2&gt;&amp;1 &amp;'</command>
                              <ports><port>api</port></ports>
                              <daemonizes>true</daemonizes>
                              <ready><tcp>api</tcp></ready>
                            </process>
                            <process>
                              <id>chain</id>
                              <command>sh -c 'sleep 300 &amp; sleep 301 &amp; wait'</command>
                            </process>
                          </processes>
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(System.getProperty("tether.version")));
    }

    /** Maven on the project; standard error goes to {@code <log>.err}, so standard output stays pure. */
    private Process maven(Path log, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(
                List.of("mvn", "-B", "-f", project.resolve("pom.xml").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(Path.of(log + ".err").toFile())
                .redirectOutput(log.toFile());
        builder.environment().put(Os.TEST_MARKER, "run-status-reap");
        return builder.start();
    }

    private String mavenToEnd(String goal) throws Exception {
        Path log = project.resolve(goal + ".log");
        Process maven = maven(log, PLUGIN + ":" + goal);
        assertTrue(maven.waitFor(120, TimeUnit.SECONDS), goal + " did not finish");
        String output = Files.readString(log);
        assertEquals(0, maven.exitValue(), output);
        return output;
    }

    /** Waits for tether:run to say it runs; returns every process of both trees. */
    private static List<ProcessId> awaitRunning(Path log) {
        Os.await(
                "tether:run to be ready; see " + log,
                SETTLE,
                () -> Os.readLines(log).stream().anyMatch(l -> l.contains("Tether: running; press Ctrl-C")));
        List<ProcessId> processes = new ArrayList<>();
        Matcher ready = READY.matcher(String.join("\n", Os.readLines(log)));
        while (ready.find()) {
            int pid = Integer.parseInt(ready.group(2));
            Os.snapshot().withDescendants(List.of(pid)).forEach(p -> processes.add(p.id()));
        }
        Matcher daemon = Pattern.compile("Tether: daemon ready").matcher(String.join("\n", Os.readLines(log)));
        assertTrue(daemon.find(), "the daemon is reported ready");
        // the daemon's launcher exited; the daemon itself is found through the port it listens on
        int api = Integer.parseInt(Os.readLines(log).stream()
                .filter(l -> l.contains("Tether: daemon ready"))
                .map(l -> l.replaceAll(".*api=(\\d+).*", "$1"))
                .findFirst()
                .orElseThrow());
        PortOwners.allHolders(PortOwners.listeningSockets(api)).forEach(pid -> processes.add(Os.idOf(pid)));
        assertEquals(5, processes.size(), "python, sh, two sleeps, the daemon: " + Os.describe(processes));
        return processes;
    }
}
