package dev.tether.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.process.ProcessId;
import dev.tether.killer.testing.Os;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast local loop on a real Maven: tether:run in one terminal, then builds with {@code -Dtether.reuse=true}
 * that use its servers instead of starting their own and leave them running; with {@code CI} set, the same build
 * starts and stops its own, and tether:run's are untouched.
 */
@EnabledOnOs(OS.LINUX)
class ReuseRunIT {
    private static final String PLUGIN = InteractiveProject.PLUGIN;
    private static final Pattern STARTED = Pattern.compile("Tether: web ready \\(pid (\\d+)\\)");

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path project;

    @Test
    void buildsReuseWhatTetherRunKeepsUpExceptOnCi() throws Exception {
        InteractiveProject build = new InteractiveProject(project, "reuse-run", "mvn");
        Process run = build.maven(project.resolve("run.log"), PLUGIN + ":run");
        List<ProcessId> kept;
        try {
            kept = InteractiveProject.awaitRunning(project.resolve("run.log"));
            int keptPort = build.port("web");

            String reused = startAndStop(build, "reuse.log", Map.of());
            assertTrue(reused.contains("Tether reuse: <process> 'web' reused: it runs under tether:run (pid "), reused);
            assertTrue(reused.contains("Tether reuse: <process> 'daemon' reused"), reused);
            assertTrue(reused.contains("Tether reuse: <process> 'chain' reused"), reused);
            assertTrue(reused.contains("Tether: web reused (tether:run's, pid "), reused);
            assertTrue(reused.contains("Tether stop: web: reused, left running"), reused);
            assertFalse(STARTED.matcher(reused).find(), "nothing started: " + reused);
            assertEquals(keptPort, build.port("web"), "the build's port is tether:run's");
            assertTrue(kept.stream().allMatch(Os::isAlive), "left running: " + Os.describe(kept));

            String onCi = startAndStop(build, "ci.log", Map.of("CI", "true"));
            assertTrue(
                    onCi.contains("[WARNING] Tether: reuse is off on CI (the environment variable CI is 'true')"),
                    onCi);
            Matcher started = STARTED.matcher(onCi);
            assertTrue(started.find(), "started its own: " + onCi);
            int ownPid = Integer.parseInt(started.group(1));
            assertTrue(kept.stream().noneMatch(p -> p.pid() == ownPid), "a fresh server, not tether:run's");
            assertTrue(onCi.contains("Tether stop: web: 1 process ended"), onCi);
            assertTrue(kept.stream().allMatch(Os::isAlive), "tether:run's are untouched: " + Os.describe(kept));

            String status = build.mavenToEnd("status");
            assertTrue(
                    status.contains("Tether status: web running, pid "),
                    "tether:run's record after the build's stop: " + status);

            InteractiveProject.interrupt(run);
            assertTrue(run.waitFor(60, TimeUnit.SECONDS), "Maven ends on Ctrl-C");
        } finally {
            InteractiveProject.end(run);
        }
        Os.awaitAllDead(kept, Duration.ofSeconds(10));
        assertFalse(Files.exists(project.resolve("target/tether/run.state")), "Ctrl-C removes the reuse record");
        String afterRun = startAndStop(build, "after.log", Map.of());
        assertTrue(afterRun.contains("Tether reuse: <process> 'web' starts: tether:run does not run it"), afterRun);
        assertTrue(STARTED.matcher(afterRun).find(), afterRun);
    }

    /** {@code mvn -Dtether.reuse=true tether:start tether:stop}: what an IT build does around its tests. */
    private static String startAndStop(InteractiveProject build, String logName, Map<String, String> environment)
            throws Exception {
        Path log = build.project.resolve(logName);
        Process maven = build.maven(log, environment, "-Dtether.reuse=true", PLUGIN + ":start", PLUGIN + ":stop");
        assertTrue(maven.waitFor(120, TimeUnit.SECONDS), logName + " did not finish");
        String output = Files.readString(log);
        assertEquals(0, maven.exitValue(), output);
        return output;
    }
}
