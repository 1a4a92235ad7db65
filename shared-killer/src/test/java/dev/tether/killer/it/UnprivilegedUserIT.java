package dev.tether.killer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.killer.platform.Backend;
import dev.tether.killer.testing.Os;
import dev.tether.killer.testing.OtherUser;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every engine IT again, as an unprivileged user (created when missing): no root, so no writable cgroup, and a
 * state directory, ports and ledgers of that user's own, beside root's. This is how a developer's laptop or a
 * CI runner without root runs Tether, so the degraded path is proven on every build, not only root's.
 *
 * <p>The tests run in a JVM of that user's, started through setpriv with JUnit's console launcher, over a
 * world-readable copy of this suite's class path (root's local Maven repository is not readable by others).
 */
@EnabledIf("dev.tether.killer.testing.OtherUser#canBeCreated")
class UnprivilegedUserIT {
    private static final long LIMIT_MINUTES = 8;

    /** On this OS's own backend, and on the portable one macOS runs (no subreaper, no cgroup, no /proc). */
    @ParameterizedTest(name = "backend {0}")
    @ValueSource(strings = {"linux", "portable"})
    void theEngineItsPassAsAnUnprivilegedUser(String backend, @TempDir Path stage) throws Exception {
        OtherUser user = OtherUser.get();
        List<String> classpath = stageClasspath(stage);
        Path report = stage.resolve("report.txt");

        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                String.join(File.pathSeparator, classpath),
                "org.junit.platform.console.ConsoleLauncher",
                "execute",
                "--disable-banner",
                "--details=summary",
                "--scan-classpath",
                stage.resolve("test-classes").toString(),
                "--include-classname",
                "^.*IT$",
                "--exclude-classname",
                "^.*(UnprivilegedUserIT|SharedMachineIT|ZzNothingLeftBehindIT)$"));
        ProcessBuilder builder =
                new ProcessBuilder(user.as(command)).redirectErrorStream(true).redirectOutput(report.toFile());
        builder.environment().put(Os.TEST_MARKER, "unprivileged-suite");
        builder.environment().put("HOME", stage.toString());
        builder.environment().remove("XDG_RUNTIME_DIR");
        builder.environment().put(Backend.VARIABLE, backend);
        Process suite = builder.start();
        if (!suite.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES)) {
            suite.destroyForcibly().waitFor(); // its exit value below says it did not finish
        }
        String output = Files.readString(report, StandardCharsets.UTF_8);
        System.out.println("Engine ITs as uid " + user.uid + ", backend " + backend + ":\n" + output);

        assertEquals(
                0,
                suite.exitValue(),
                "the engine ITs failed as an unprivileged user, backend " + backend + ":\n" + output);
    }

    /** Copies the class path where the other user can read it: a 0755 directory of 0644 files. */
    private static List<String> stageClasspath(Path stage) throws IOException, InterruptedException {
        List<String> entries = new ArrayList<>();
        int index = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Paths.get(entry);
            if (!Files.exists(source)) {
                continue;
            }
            String name = source.getFileName().toString().equals("test-classes")
                    ? "test-classes"
                    : (index++) + "-" + source.getFileName();
            Path target = stage.resolve(name);
            exec(List.of("cp", "-r", source.toString(), target.toString()));
            entries.add(target.toString());
        }
        Path launcher = Paths.get("target", "console-launcher", "junit-platform-console-standalone.jar")
                .toAbsolutePath();
        Path staged = stage.resolve("junit-platform-console-standalone.jar");
        Files.copy(launcher, staged);
        entries.add(staged.toString());
        exec(List.of("chmod", "-R", "a+rX", stage.toString()));
        exec(List.of("chmod", "a+rwx", stage.toString())); // the user's HOME, for anything that wants one
        return entries;
    }

    private static void exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IOException("failed: " + command);
        }
    }
}
