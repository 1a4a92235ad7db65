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
import java.util.concurrent.TimeUnit;
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
    private static final Duration SETTLE = InteractiveProject.SETTLE;
    private static final String PLUGIN = InteractiveProject.PLUGIN;

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path project;

    /**
     * With cgroups the daemon is found in its cgroup; without, through the supervisor's ledger (it left the
     * launcher's group and environment, and its parent exited): status must find it either way, as stop does.
     */
    @ParameterizedTest(name = "cgroups {0}")
    @ValueSource(strings = {"on", "off"})
    void runKeepsServersUntilInterruptedAndStatusSeesEveryTree(String cgroups) throws Exception {
        InteractiveProject build = new InteractiveProject(project, "run-status-reap", "mvn");
        Process run = build.maven(project.resolve("run.log"), "-Dtether.cgroups=" + cgroups, PLUGIN + ":run");
        List<ProcessId> first;
        try {
            first = InteractiveProject.awaitRunning(project.resolve("run.log"));

            String status = build.mavenToEnd("status");
            assertTrue(status.contains("Tether status: web running, pid "), status);
            assertTrue(status.contains("port web " + build.port("web") + " served by the tree"), status);
            assertTrue(status.matches("(?s).*Tether status: chain running, pid \\d+, 3 processes.*"), status);
            assertTrue(status.contains("Tether status: daemon running, pid "), status);
            String json = build.statusJson();
            assertTrue(json.contains("{\"id\":\"daemon\",\"running\":true,"), json);
            assertTrue(
                    json.contains("\"processes\":1,\"ports\":{\"api\":{\"port\":" + build.port("api")
                            + ",\"owner\":\"ok\"}}"),
                    json);
            assertTrue(json.contains("\"processes\":3,\"ports\":{}}"), "chain: sh and two sleeps: " + json);

            InteractiveProject.interrupt(run);
            assertTrue(run.waitFor(60, TimeUnit.SECONDS), "Maven ends on Ctrl-C");
        } finally {
            InteractiveProject.end(run); // a failed assertion above must not leave tether:run (and its trees) running
        }
        Os.awaitAllDead(first, Duration.ofSeconds(10));
        String stopped = Files.readString(project.resolve("run.log"));
        assertTrue(stopped.contains("Tether stop: web: 1 process ended"), stopped);
        assertTrue(stopped.contains("Tether stop: daemon: 1 process ended"), "its own daemon only: " + stopped);
        assertTrue(stopped.contains("Tether stop: chain: 3 processes ended"), stopped);
        assertFalse(Files.exists(project.resolve("target/tether/fixtures.state")), "Ctrl-C removes the state file");
        assertEquals("{\"fixtures\":[]}", build.statusJson());
    }

    @Test
    void reapCleansUpACrashAndStatusTellsWhoHoldsTheirPortsAfterwards() throws Exception {
        InteractiveProject build = new InteractiveProject(project, "run-status-reap", "mvn");

        // a crash that takes Maven and its supervisor: the trees are orphaned until tether:reap
        Process crashed = build.maven(project.resolve("crash.log"), PLUGIN + ":run");
        List<ProcessId> orphans;
        try {
            orphans = InteractiveProject.awaitRunning(project.resolve("crash.log"));
        } catch (AssertionError | RuntimeException e) {
            InteractiveProject.end(crashed);
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

            String reap = build.mavenToEnd("reap");
            Os.awaitAllDead(orphans, Duration.ofSeconds(10));
            assertTrue(reap.contains("Reaped leftovers of a crashed build"), reap);
            assertTrue(reap.matches("(?s).*stopped [2-9]\\d* leftover process tree\\(s\\).*"), reap);
        } finally {
            // a failed assertion above must leave nothing: end Maven, then the orphans the way a user would
            InteractiveProject.end(crashed);
            if (orphans.stream().anyMatch(Os::isAlive)) {
                build.mavenToEnd("reap");
            }
        }

        // the state file of the crashed build remains: status says what runs now, and who holds the ports
        String json = build.statusJson();
        assertTrue(json.contains("{\"id\":\"web\",\"running\":false,"), json);
        assertTrue(json.contains("\"web\":{\"port\":" + build.port("web") + ",\"owner\":\"free\"}"), json);
        ProcessBuilder squatter = new ProcessBuilder(
                        "python3", "-m", "http.server", Integer.toString(build.port("web")), "--bind", "127.0.0.1")
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
            json = build.statusJson();
            assertTrue(
                    json.contains("\"web\":{\"port\":" + build.port("web") + ",\"owner\":\"wrong\",\"holders\":["
                            + stranger.pid() + "]}"),
                    json);
            assertTrue(build.mavenToEnd("status").contains("WRONG OWNER: held by pid " + stranger.pid()));
        } finally {
            stranger.destroyForcibly().waitFor();
        }
    }
}
