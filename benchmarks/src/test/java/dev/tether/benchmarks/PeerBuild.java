package dev.tether.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One generated project and one real {@code mvn verify} of it. */
final class PeerBuild {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    /** How a build ended. */
    record Result(int exitCode, boolean timedOut, Duration wall, List<String> log) {
        /** The wall-clock time of the first log line after the goal whose header contains {@code goal}. */
        Optional<LocalTime> returnOf(String goal) {
            for (int i = 0; i < log.size(); i++) {
                if (log.get(i).contains("--- " + goal)) {
                    for (int j = i + 1; j < log.size(); j++) {
                        if (log.get(j).contains("--- ") || log.get(j).contains("BUILD")) {
                            return Optional.of(LocalTime.parse(log.get(j).substring(0, 12), STAMP));
                        }
                    }
                }
            }
            return Optional.empty();
        }

        Optional<String> line(String containing) {
            return log.stream().filter(l -> l.contains(containing)).findFirst();
        }
    }

    private PeerBuild() {}

    static Path generate(
            Path dir, Tool tool, List<String> argv, boolean daemonizes, String healthUrl, String tetherVersion)
            throws IOException {
        Files.createDirectories(dir.resolve("src/test/java"));
        Files.copy(
                PeerBuild.class.getResourceAsStream("/PeerIT.java.template"),
                dir.resolve("src/test/java/PeerIT.java"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(
                dir.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.tether.bench</groupId><artifactId>peer</artifactId><version>1.0</version>
                  <properties><maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>
                  <dependencies><dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId>
                    <version>5.11.4</version><scope>test</scope></dependency></dependencies>
                  <build><plugins>
                    <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
                    <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                    <plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
                    <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.2</version></plugin>
                    %s
                    <plugin><artifactId>maven-failsafe-plugin</artifactId><version>3.5.2</version>
                      <configuration><systemPropertyVariables>
                        <pids>${pids}</pids><expected>${expected}</expected><port>${port}</port><killMaven>${killMaven}</killMaven>
                      </systemPropertyVariables></configuration>
                      <executions><execution><goals><goal>integration-test</goal><goal>verify</goal></goals></execution></executions>
                    </plugin>
                  </plugins></build>
                </project>
                """.formatted(tool.plugin(argv, daemonizes, healthUrl, tetherVersion)));
        return dir;
    }

    static Result run(Path dir, List<String> properties, Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "mvn",
                "-B",
                "verify",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"));
        properties.forEach(p -> command.add("-D" + p));
        Path log = dir.resolve("build.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("TETHER_TEST", "peers");
        long start = System.nanoTime();
        Process maven = builder.start();
        boolean finished = maven.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            // a hung build: end it and everything it started, as a user would with Ctrl-C and kill
            maven.descendants().forEach(ProcessHandle::destroyForcibly);
            maven.destroyForcibly().waitFor();
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        return new Result(
                finished ? maven.exitValue() : -1, !finished, wall, Files.readAllLines(log, StandardCharsets.UTF_8));
    }
}
