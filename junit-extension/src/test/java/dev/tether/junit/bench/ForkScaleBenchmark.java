package dev.tether.junit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * 200 method-scoped fixtures across 4 Surefire forks: a generated project with 4 test classes of 50 tests, each
 * test with its own tcp server ready by a tcp probe, built by a real {@code mvn test}; the same project without
 * the fixtures is the baseline. Prints the build's wall time, the cost per fixture, and how many of the
 * servers are alive after the build (each carries a marker in its command line). Needs the extension installed
 * ({@code mvn install}) and Maven on the PATH.
 */
@EnabledOnOs(OS.LINUX)
class ForkScaleBenchmark {
    private static final int CLASSES = 4;
    private static final int TESTS_PER_CLASS = 50;
    private static final String SERVER = "import socket,sys; s=socket.socket();"
            + " s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1);"
            + " s.bind(('127.0.0.1', int(sys.argv[1]))); s.listen(8)\\n"
            + "while True: s.accept()[0].close()";

    @Test
    void printFigures() throws Exception {
        String marker = "tether-fork-scale-" + ProcessHandle.current().pid();
        Path root = Paths.get("target", "fork-scale").toAbsolutePath();
        double withFixtures = build(generate(root.resolve("with-fixtures"), true, marker));
        double bare = build(generate(root.resolve("without"), false, marker));
        long left = survivors(marker);
        int fixtures = CLASSES * TESTS_PER_CLASS;
        String table = String.join(
                "\n",
                "| measurement (" + fixtures + " method-scoped fixtures, " + CLASSES
                        + " Surefire forks, one `mvn test`) | value | target | met |",
                "|---|---|---|---|",
                row("build wall time with a tcp server per test", withFixtures, "ms", "measured", ""),
                row("build wall time, the same tests without servers", bare, "ms", "baseline", ""),
                row(
                        "cost per fixture (difference / " + fixtures + ")",
                        (withFixtures - bare) / fixtures,
                        "ms",
                        "measured",
                        ""),
                row("servers alive after the build", left, "", "<= 0", left == 0 ? "yes" : "no"));
        System.out.println();
        System.out.println(table);
        Files.writeString(Path.of("target", "benchmark-fork-scale.md"), table + "\n");
        assertEquals(0, left, "servers of the generated build still alive: the marker " + marker);
    }

    private static String row(String name, double value, String unit, String target, String met) {
        return String.format(Locale.ROOT, "| %s | %.2f %s | %s | %s |", name, value, unit, target, met);
    }

    private static Path generate(Path project, boolean fixtures, String marker) throws IOException {
        Path tests = Files.createDirectories(project.resolve("src/test/java/scale"));
        Files.writeString(project.resolve("pom.xml"), pom());
        for (int c = 0; c < CLASSES; c++) {
            StringBuilder source = new StringBuilder("package scale;\n\n")
                    .append("import dev.tether.junit.*;\nimport org.junit.jupiter.api.Test;\n\n")
                    .append("class Scale")
                    .append(c)
                    .append("Test {\n");
            for (int t = 0; t < TESTS_PER_CLASS; t++) {
                if (fixtures) {
                    source.append("    @ManagedProcess(id = \"srv\", command = {\"python3\", \"-c\", \"")
                            .append(SERVER)
                            .append("\", \"${tether.port.srv}\", \"")
                            .append(marker)
                            .append("\"}, ports = \"srv\", ready = @Ready(tcp = \"srv\", timeout = \"60s\"))\n");
                }
                source.append("    @Test\n    void test").append(t).append("() {}\n\n");
            }
            Files.writeString(
                    tests.resolve("Scale" + c + "Test.java"),
                    source.append("}\n").toString());
        }
        return project;
    }

    private static String pom() {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.tether.bench</groupId><artifactId>fork-scale</artifactId><version>1.0</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency><groupId>dev.tether</groupId><artifactId>tether-junit</artifactId>
                      <version>%s</version><scope>test</scope></dependency>
                    <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId>
                      <version>%s</version><scope>test</scope></dependency>
                  </dependencies>
                  <build><plugins>
                    <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
                    <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                    <plugin><artifactId>maven-surefire-plugin</artifactId><version>%s</version>
                      <configuration><forkCount>4</forkCount><reuseForks>true</reuseForks></configuration>
                    </plugin>
                  </plugins></build>
                </project>
                """.formatted(
                        System.getProperty("tether.version"),
                        System.getProperty("junit.version"),
                        System.getProperty("surefire.version"));
    }

    /** Wall time of {@code mvn -o test} in the project, the compile done once before (not measured). */
    private static double build(Path project) throws Exception {
        run(project, "test-compile");
        long began = System.nanoTime();
        run(project, "surefire:test");
        return (System.nanoTime() - began) / 1e6;
    }

    private static void run(Path project, String goal) throws Exception {
        Process maven = new ProcessBuilder("mvn", "-B", "-o", "-q", goal)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(project.resolve(goal.replace(':', '-') + ".log").toFile())
                .start();
        if (!maven.waitFor(10, TimeUnit.MINUTES) || maven.exitValue() != 0) {
            maven.destroyForcibly();
            throw new AssertionError("mvn " + goal + " failed in " + project + ": see its log there");
        }
    }

    /** Processes whose command line carries the marker. */
    private static long survivors(String marker) throws IOException {
        List<String> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Paths.get("/proc"), "[0-9]*")) {
            for (Path entry : entries) {
                try {
                    String command = new String(Files.readAllBytes(entry.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (command.contains(marker)) {
                        found.add(entry.getFileName().toString());
                    }
                } catch (IOException e) {
                    // gone
                }
            }
        }
        return found.size();
    }
}
