package dev.tether.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.ports.PortOwners;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.testing.Os;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A project with three fixtures (a server, a daemon that scrubs its environment and leaves its group, a
 * wrapper chain) and the Maven commands the interactive-goal tests run on it, as a user would type them.
 */
final class InteractiveProject {
    static final Duration SETTLE = Duration.ofSeconds(60);
    static final String PLUGIN = "dev.tether:tether-maven-plugin:" + System.getProperty("tether.version");
    private static final Pattern READY = Pattern.compile("Tether: (\\w+) ready \\(pid (\\d+)\\)");

    final Path project;
    private final String marker;
    private final String mavenExecutable;

    /**
     * @param marker the test marker every process of the project carries (the suite's leak check finds them)
     * @param mavenExecutable {@code mvn}, or a script that runs Maven as another user
     */
    InteractiveProject(Path project, String marker, String mavenExecutable) throws IOException {
        this.project = project;
        this.marker = marker;
        this.mavenExecutable = mavenExecutable;
        writeProject();
    }

    static void interrupt(Process maven) throws Exception {
        new ProcessBuilder("kill", "-INT", Long.toString(maven.pid())).start().waitFor();
    }

    /** Ctrl-C, as a user would (Tether stops the trees); if Maven does not end, kill it (its supervisor does). */
    static void end(Process maven) throws Exception {
        if (maven.isAlive()) {
            interrupt(maven);
            if (!maven.waitFor(60, TimeUnit.SECONDS)) {
                maven.destroyForcibly().waitFor();
            }
        }
    }

    /** {@code mvn -q tether:status -Dtether.output=json}: standard output must be the document alone. */
    String statusJson() throws Exception {
        Path out = project.resolve("status.json");
        Process maven = maven(out, "-q", "-Dtether.output=json", PLUGIN + ":status");
        assertTrue(maven.waitFor(120, TimeUnit.SECONDS), "status did not finish");
        // Debian's Maven 3.8 writes colour resets (ESC[0m) of its own even with -B; upstream Maven does not
        String json = Files.readString(out).replaceAll("\u001b\\[[0-9;]*m", "").trim();
        assertEquals(0, maven.exitValue(), json);
        assertTrue(json.startsWith("{\"fixtures\":[") && json.endsWith("]}") && !json.contains("\n"), json);
        return json;
    }

    int port(String name) throws IOException {
        Properties ports = new Properties();
        try (var in = Files.newBufferedReader(project.resolve("target/tether/ports.properties"))) {
            ports.load(in);
        }
        return Integer.parseInt(ports.getProperty("tether.port." + name));
    }

    private void writeProject() throws IOException {
        Files.writeString(
                project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.tether.it</groupId>
                  <artifactId>%s</artifactId>
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
                              <command>sh -c 'env -i TETHER_TEST=%s PATH=/usr/bin:/bin setsid python3 -m http.server ${tether.port.api} --bind 127.0.0.1 &lt;/dev/null &gt;/dev/null 2&gt;&amp;1 &amp;'</command>
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
                """.formatted(marker, System.getProperty("tether.version"), marker));
    }

    /** Maven on the project; standard error goes to {@code <log>.err}, so standard output stays pure. */
    Process maven(Path log, String... arguments) throws IOException {
        return maven(log, Map.of(), arguments);
    }

    /**
     * With {@code environment} added; {@code CI} is never inherited (reuse depends on it, and the machine running
     * this suite may be a CI runner): a test that wants it sets it here.
     */
    Process maven(Path log, Map<String, String> environment, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(mavenExecutable, "-B", "-f", project.resolve("pom.xml").toString()));
        String repository = System.getProperty("maven.repo.local");
        if (repository != null) {
            command.add("-Dmaven.repo.local=" + repository); // this build's repository, which has the plugin
        }
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(project.toFile()) // the other user's Maven is handed its working directory
                .redirectError(Path.of(log + ".err").toFile())
                .redirectOutput(log.toFile());
        builder.environment().put(Os.TEST_MARKER, marker);
        builder.environment().remove("CI");
        builder.environment().putAll(environment);
        String mavenHome = System.getProperty("maven.home");
        if (mavenHome != null) {
            builder.environment().put("TETHER_REAL_MAVEN_HOME", mavenHome); // for src/test/unprivileged-maven
        }
        return builder.start();
    }

    String mavenToEnd(String goal) throws Exception {
        Path log = project.resolve(goal + ".log");
        Process maven = maven(log, PLUGIN + ":" + goal);
        assertTrue(maven.waitFor(120, TimeUnit.SECONDS), goal + " did not finish");
        String output = Files.readString(log);
        assertEquals(0, maven.exitValue(), output);
        return output;
    }

    /** Waits for tether:run to say it runs; returns every process of both trees. */
    static List<ProcessId> awaitRunning(Path log) {
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
