package dev.tether.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.process.ProcessId;
import dev.tether.killer.testing.Os;
import dev.tether.maven.embedded.EmbeddedMaven;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that outlives its builds (mvnd, an IDE): a build that fails between tether:start and tether:stop must not
 * leave its processes running until that JVM exits. Two failing builds run in one embedded Maven; after each,
 * while the JVM lives on, the server the first start launched is checked dead in /proc.
 */
@EnabledOnOs(OS.LINUX)
class SessionEndIT {
    private static final String VERSION = System.getProperty("tether.version");

    @TempDir
    Path project;

    @Test
    void withExtensionsEveryFailedBuildStopsWhatItStartedWhileTheJvmLivesOn() throws Exception {
        writeProject(true);
        try (Embedded maven = new Embedded(project)) {
            for (int build = 1; build <= 2; build++) {
                assertEquals(1, maven.build(), "build " + build + " fails in its integration-test phase");
                ProcessId server = serverOfLastBuild();
                assertFalse(
                        Os.isAlive(server),
                        "build " + build + ": the server " + server + " is still running after its build ended; see "
                                + maven.log);
                assertTrue(
                        Files.readString(maven.log).contains("the build ended before tether:stop ran; stopping server"),
                        "the cleanup says what it stopped; see " + maven.log);
            }
        }
    }

    /** The control: without the participant the server outlives its build (so the test above can fail). */
    @Test
    void withoutExtensionsTheServerLivesUntilTheJvmEnds() throws Exception {
        writeProject(false);
        ProcessId server;
        try (Embedded maven = new Embedded(project)) {
            assertEquals(1, maven.build());
            server = serverOfLastBuild();
            assertTrue(Os.isAlive(server), "without <extensions>, nothing ends the server before the JVM does");
        }
        Os.awaitAllDead(List.of(server), Duration.ofSeconds(10)); // the JVM's end still takes it down
    }

    private ProcessId serverOfLastBuild() throws IOException {
        String[] fields = Files.readString(project.resolve("server.id")).trim().split(" ");
        return new ProcessId(Integer.parseInt(fields[0]), Long.parseLong(fields[1]));
    }

    /** Maven reads {@code $$} as an escaped {@code $}: the shell's own pid is written {@code $$$$}. */
    private void writeProject(boolean extensions) throws IOException {
        Files.writeString(project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.tether.it</groupId>
                  <artifactId>session-end</artifactId>
                  <version>1.0</version>
                  <packaging>pom</packaging>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>dev.tether</groupId>
                        <artifactId>tether-maven-plugin</artifactId>
                        <version>%s</version>
                        <extensions>%s</extensions>
                        <executions>
                          <execution>
                            <id>server</id>
                            <phase>pre-integration-test</phase>
                            <goals><goal>start</goal></goals>
                            <configuration>
                              <processes>
                                <process>
                                  <id>server</id>
                                  <command>sh -c 'echo $$$$ $(cut -d" " -f22 /proc/$$$$/stat) > %s; exec sleep 300'</command>
                                </process>
                              </processes>
                            </configuration>
                          </execution>
                          <execution>
                            <!-- fails the build between start and stop -->
                            <id>broken</id>
                            <phase>integration-test</phase>
                            <goals><goal>start</goal></goals>
                            <configuration>
                              <processes>
                                <process>
                                  <id>broken</id>
                                  <command>sh -c 'exit 3'</command>
                                  <ports><port>b</port></ports>
                                  <ready><tcp>b</tcp><timeout>10s</timeout></ready>
                                </process>
                              </processes>
                            </configuration>
                          </execution>
                          <execution>
                            <id>stop</id>
                            <phase>post-integration-test</phase>
                            <goals><goal>stop</goal></goals>
                          </execution>
                        </executions>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(VERSION, extensions, project.resolve("server.id")));
    }

    /** A JVM on Maven's own class path that runs builds on request and lives on between them. */
    private static final class Embedded implements AutoCloseable {
        final Path log;
        private final Process jvm;
        private final Writer requests;
        private final BufferedReader answers;

        Embedded(Path project) throws IOException {
            log = project.resolve("maven.log");
            Path mavenHome = Paths.get(System.getProperty("maven.home"));
            List<String> classpath = new ArrayList<>();
            for (String folder : List.of("lib", "boot")) { // Maven's own jars, as bin/mvn puts them together
                try (Stream<Path> jars = Files.list(mavenHome.resolve(folder))) {
                    jars.filter(p -> p.toString().endsWith(".jar")).forEach(p -> classpath.add(p.toString()));
                }
            }
            classpath.add(Os.classPathEntryOf(EmbeddedMaven.class).toString());
            ProcessBuilder builder = new ProcessBuilder(
                            Paths.get(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Dmaven.home=" + mavenHome,
                            "-Dmaven.repo.local=" + System.getProperty("maven.repo.local"),
                            "-cp",
                            String.join(File.pathSeparator, classpath),
                            EmbeddedMaven.class.getName(),
                            project.toString())
                    .redirectError(log.toFile());
            builder.environment().put(Os.TEST_MARKER, "session-end");
            jvm = builder.start();
            requests = new OutputStreamWriter(jvm.getOutputStream(), StandardCharsets.UTF_8);
            answers = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        }

        /** Runs {@code mvn -B -o verify} in the living JVM; its exit code. */
        int build() throws IOException {
            requests.write("-B -o verify\n");
            requests.flush();
            String answer = answers.readLine();
            if (answer == null || !answer.startsWith("BUILD ")) {
                throw new AssertionError("the embedded Maven died (" + answer + "); see " + log);
            }
            return Integer.parseInt(answer.substring(6));
        }

        @Override
        public void close() throws Exception {
            requests.close();
            if (!jvm.waitFor(60, TimeUnit.SECONDS)) {
                jvm.destroyForcibly();
            }
        }
    }
}
