package dev.tether.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.testing.Os;
import dev.tether.killer.tree.ProcessId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive goals on a real Maven: tether:run until Ctrl-C, tether:status beside it, and tether:reap
 * after a crash that took both Maven and its supervisor.
 */
@EnabledOnOs(OS.LINUX)
@Order(1)
class RunStatusReapIT {
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final String PLUGIN = "dev.tether:tether-maven-plugin:" + System.getProperty("tether.version");
    private static final Pattern READY = Pattern.compile("Tether: (\\w+) ready \\(pid (\\d+)\\)");

    @TempDir
    Path project;

    @Test
    void runKeepsServersUntilInterruptedStatusSeesThemAndReapCleansUpACrash() throws Exception {
        writeProject();

        // run, then status beside it, then Ctrl-C
        Process run = maven("run", project.resolve("run.log"));
        List<ProcessId> first = awaitRunning(project.resolve("run.log"));
        String status = mavenToEnd("status");
        assertTrue(status.contains("Tether status: web pid "), status);
        assertTrue(status.contains("(served by the tree)"), status);
        assertTrue(status.contains("Tether status: chain pid "), status);
        new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "Maven ends on Ctrl-C");
        Os.awaitAllDead(first, Duration.ofSeconds(10));
        assertTrue(Files.readString(project.resolve("run.log")).contains("Tether stop: web: 1 process ended"));

        // a crash that takes Maven and its supervisor: the trees are orphaned until tether:reap
        Process crashed = maven("run", project.resolve("crash.log"));
        List<ProcessId> orphans = awaitRunning(project.resolve("crash.log"));
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

    private Process maven(String goal, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        "mvn", "-B", "-f", project.resolve("pom.xml").toString(), PLUGIN + ":" + goal)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put(Os.TEST_MARKER, "run-status-reap");
        return builder.start();
    }

    private String mavenToEnd(String goal) throws Exception {
        Path log = project.resolve(goal + ".log");
        Process maven = maven(goal, log);
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
        assertEquals(4, processes.size(), "python, sh and two sleeps: " + Os.describe(processes));
        return processes;
    }
}
