package dev.tether.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tether.killer.process.ProcessId;
import dev.tether.killer.testing.Os;
import dev.tether.killer.testing.OtherUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A shared build agent: root and an unprivileged user run tether:run at the same time, each with ports and a
 * daemon that leaves its group and environment. Both start, each status sees its own trees serving their
 * ports, and the first to stop ends only its own processes: root could signal anyone, so its stop, its ledger
 * sweep and its supervisor must leave the other user's trees alone. Run as root only (it creates the user).
 */
@EnabledOnOs(OS.LINUX)
@Order(2)
class TwoUsersIT {
    private static final String MARKER = "two-users";

    @Test
    void twoUsersRunAtOnceAndEachStopEndsOnlyItsOwnTrees() throws Exception {
        assumeTrue(OtherUser.canBeCreated(), "needs root, useradd and setpriv");
        OtherUser other = OtherUser.get();
        Path module = Path.of(System.getProperty("basedir", "."));
        // under target/, not a JUnit temp directory: the other user must be able to reach its project
        InteractiveProject rootBuild = new InteractiveProject(
                Files.createTempDirectory(module.resolve("target"), "two-users-root-"), MARKER, "mvn");
        InteractiveProject otherBuild = new InteractiveProject(
                Files.createTempDirectory(module.resolve("target"), "two-users-other-"),
                MARKER,
                module.resolve("src/test/unprivileged-maven/bin/mvn").toString());

        Path rootLog = rootBuild.project.resolve("run.log");
        Path otherLog = otherBuild.project.resolve("run.log");
        Process rootRun = rootBuild.maven(rootLog, InteractiveProject.PLUGIN + ":run");
        Process otherRun = otherBuild.maven(otherLog, InteractiveProject.PLUGIN + ":run");
        try {
            List<ProcessId> rootTrees = InteractiveProject.awaitRunning(rootLog);
            List<ProcessId> otherTrees = InteractiveProject.awaitRunning(otherLog);
            assertTrue(
                    otherTrees.stream().allMatch(id -> Os.PROC.uid(id.pid()) == other.uid),
                    "the other build's processes run as " + OtherUser.NAME + ": " + Os.describe(otherTrees));
            for (InteractiveProject build : List.of(rootBuild, otherBuild)) {
                String json = build.statusJson();
                assertTrue(
                        json.contains("\"api\":{\"port\":" + build.port("api") + ",\"owner\":\"ok\"}")
                                && json.contains("\"web\":{\"port\":" + build.port("web") + ",\"owner\":\"ok\"}"),
                        "each user's status sees its own trees serve their ports: " + json);
            }

            InteractiveProject.interrupt(rootRun);
            assertTrue(rootRun.waitFor(60, TimeUnit.SECONDS), "root's Maven ends on Ctrl-C");
            Os.awaitAllDead(rootTrees, Duration.ofSeconds(10));
            assertTrue(
                    otherTrees.stream().allMatch(Os::isAlive),
                    "root's stop left the other user's trees alone: " + Os.describe(otherTrees));

            InteractiveProject.interrupt(otherRun);
            assertTrue(otherRun.waitFor(60, TimeUnit.SECONDS), "the other user's Maven ends on Ctrl-C");
            Os.awaitAllDead(otherTrees, Duration.ofSeconds(10));
            assertEquals("{\"fixtures\":[]}", otherBuild.statusJson());
            for (Path log : List.of(rootLog, otherLog)) {
                // each stop ended exactly its own tree: a fresh leader once went to the daemon's fixture
                String text = Files.readString(log);
                assertTrue(text.contains("Tether stop: daemon: 1 process ended"), text);
                assertTrue(text.contains("Tether stop: chain: 3 processes ended"), text);
                assertFalse(text.contains("exited unexpectedly"), text);
            }
        } finally {
            InteractiveProject.end(rootRun);
            InteractiveProject.end(otherRun);
        }
    }
}
