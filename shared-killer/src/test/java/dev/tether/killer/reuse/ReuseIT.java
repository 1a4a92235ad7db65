package dev.tether.killer.reuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.InvalidSpecException;
import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.config.FixtureSpec;
import dev.tether.killer.config.Probe;
import dev.tether.killer.config.Readiness;
import dev.tether.killer.fixture.FixtureGroup;
import dev.tether.killer.fixture.GroupOptions;
import dev.tether.killer.fixture.GroupStopReport;
import dev.tether.killer.fixture.RunningFixture;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.stop.StopPolicy;
import dev.tether.killer.testing.Os;
import dev.tether.killer.testing.SupervisorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reuse on real servers: a keeper (what tether:run is, with its own supervisor, as in its own JVM) starts and
 * records fixtures; a second group with the same specs uses them instead of starting, and its stop leaves them
 * running. What differs, died, or needs a fresh fixture starts as usual.
 */
@EnabledOnOs(OS.LINUX)
class ReuseIT {
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @RegisterExtension
    static final SupervisorExtension SUPERVISOR = new SupervisorExtension();

    /** The keeper's own supervisor, like tether:run's in another JVM. */
    private static ProcessSupervisor keeperSupervisor;

    @TempDir
    Path dir;

    @BeforeAll
    static void launchKeeper() {
        keeperSupervisor = ProcessSupervisor.launch();
    }

    @AfterAll
    static void closeKeeper() {
        keeperSupervisor.close();
    }

    private FixtureSpec db() {
        return FixtureSpec.of("db", "python3 -m http.server ${tether.port.db} --bind 127.0.0.1")
                .withWorkingDirectory(dir)
                .withPorts("db")
                .withReadiness(Readiness.allOf(SETTLE, new Probe.Tcp("127.0.0.1", "db")))
                .withStopPolicy(StopPolicy.parse("TERM 2s"));
    }

    private FixtureSpec web() {
        return FixtureSpec.of("web", "python3 -m http.server ${tether.port.web} --bind 127.0.0.1")
                .withWorkingDirectory(dir)
                .withEnvironment(Map.of("DB_PORT", "${tether.port.db}"))
                .withPorts("web")
                .withNeeds("db")
                .withReadiness(
                        Readiness.allOf(SETTLE, new Probe.Http("http://127.0.0.1:${tether.port.web}/", 200, 399, null)))
                .withStopPolicy(StopPolicy.parse("TERM 2s"));
    }

    /** A task that appends a line each time it runs, so a rerun shows. */
    private FixtureSpec migrate() {
        return FixtureSpec.of("migrate", List.of("/bin/sh", "-c", "echo ran >> " + dir.resolve("migrations.txt")))
                .withWorkingDirectory(dir)
                .withNeeds("db")
                .withOneshot(true);
    }

    /** What tether:run does: start, then record every fixture. */
    private FixtureGroup keep(FixtureSpec... specs) throws Exception {
        FixtureGroup kept = FixtureGroup.start(
                List.of(specs), GroupOptions.in(dir.resolve("keeper")).withSupervisor(keeperSupervisor));
        FixtureRecords.write(
                recordFile(),
                kept.fixtures().stream().map(RunningFixture::recordEntry).toList());
        return kept;
    }

    private FixtureGroup startReusing(FixtureSpec... specs) {
        return FixtureGroup.start(
                List.of(specs),
                GroupOptions.in(dir.resolve("build"))
                        .withSupervisor(SUPERVISOR.get())
                        .withReuseFrom(recordFile()));
    }

    private Path recordFile() {
        return dir.resolve("run.state");
    }

    @Test
    void matchingLiveFixturesAreUsedInsteadOfStartedAndLeftRunning() throws Exception {
        try (FixtureGroup kept = keep(db(), web())) {
            ProcessId keptDb = Os.idOf(kept.fixture("db").pid());
            ProcessId keptWeb = Os.idOf(kept.fixture("web").pid());
            GroupStopReport report;
            try (FixtureGroup build = startReusing(db(), web())) {
                assertTrue(
                        build.fixture("db").isReused() && build.fixture("web").isReused(),
                        build.reuseNotes().toString());
                assertEquals(keptWeb.pid(), build.fixture("web").pid());
                assertEquals(kept.ports(), build.ports(), "the ports are the running ones'");
                assertEquals(kept.fixture("web").logFile(), build.fixture("web").logFile());
                assertTrue(build.fixture("web").isAlive());
                assertTrue(
                        build.reuseNotes().stream().anyMatch(n -> n.startsWith("Fixture 'web' reused")),
                        build.reuseNotes().toString());
                report = build.stop();
            }
            assertTrue(report.isClean(), report.summaries().toString());
            assertTrue(
                    report.summaries().contains("web: reused, left running (tether:run started it and stops it)"),
                    report.summaries().toString());
            assertTrue(Os.isAlive(keptDb) && Os.isAlive(keptWeb), "the build's stop leaves the keeper's servers");
            assertTrue(Os.accepts(kept.fixture("web").port("web")));
        }
    }

    @Test
    void aChangedFixtureStartsFreshWithTheReusedDependencysPort() throws Exception {
        try (FixtureGroup kept = keep(db(), web())) {
            ProcessId keptWeb = Os.idOf(kept.fixture("web").pid());
            FixtureSpec changedWeb = web().withEnvironment(Map.of("DB_PORT", "${tether.port.db}", "MODE", "debug"));
            ProcessId freshWeb;
            try (FixtureGroup build = startReusing(db(), changedWeb)) {
                assertTrue(build.fixture("db").isReused());
                RunningFixture web = build.fixture("web");
                assertFalse(web.isReused());
                assertNotEquals(keptWeb.pid(), web.pid());
                freshWeb = Os.idOf(web.pid());
                assertEquals(
                        Integer.toString(kept.fixture("db").port("db")),
                        Os.PROC.environmentVariable(web.pid(), "DB_PORT").orElseThrow(),
                        "the fresh server talks to the reused database");
                assertTrue(
                        build.reuseNotes()
                                .contains(
                                        "Fixture 'web' starts: its configuration differs from the one tether:run started"
                                                + " (restart tether:run to reuse the new one)"),
                        build.reuseNotes().toString());
            }
            Os.awaitAllDead(List.of(freshWeb), SETTLE);
            assertTrue(Os.isAlive(keptWeb), "only what the build started is stopped");
        }
    }

    @Test
    void whatNeedsAFreshFixtureStartsFreshToo() throws Exception {
        try (FixtureGroup kept = keep(db(), web())) {
            FixtureSpec changedDb = db().withEnvironment(Map.of("MODE", "debug"));
            try (FixtureGroup build = startReusing(changedDb, web())) {
                assertFalse(build.fixture("db").isReused());
                assertFalse(build.fixture("web").isReused(), "a reused server would talk to the old database");
                assertTrue(
                        build.reuseNotes().contains("Fixture 'web' starts: Fixture 'db', which it needs, starts fresh"),
                        build.reuseNotes().toString());
                assertEquals(
                        Integer.toString(build.fixture("db").port("db")),
                        Os.PROC
                                .environmentVariable(build.fixture("web").pid(), "DB_PORT")
                                .orElseThrow());
            }
        }
    }

    @Test
    void aRecordedFixtureThatIsGoneStartsFresh() throws Exception {
        ProcessId keptDb;
        try (FixtureGroup kept = keep(db())) {
            keptDb = Os.idOf(kept.fixture("db").pid());
        }
        Os.awaitAllDead(List.of(keptDb), SETTLE);
        try (FixtureGroup build = startReusing(db())) {
            assertFalse(build.fixture("db").isReused());
            assertTrue(build.fixture("db").isAlive());
            assertTrue(
                    build.reuseNotes().contains("Fixture 'db' starts: the one tether:run started is no longer running"),
                    build.reuseNotes().toString());
        }
    }

    @Test
    void aCompletedTaskIsNotRunAgainWhileWhatItNeedsIsReused() throws Exception {
        try (FixtureGroup kept = keep(db(), migrate())) {
            try (FixtureGroup build = startReusing(db(), migrate())) {
                assertTrue(
                        build.fixture("migrate").isReused(), build.reuseNotes().toString());
            }
            assertEquals(List.of("ran"), Files.readAllLines(dir.resolve("migrations.txt")));
            FixtureSpec changedDb = db().withEnvironment(Map.of("MODE", "debug"));
            try (FixtureGroup build = startReusing(changedDb, migrate())) {
                assertFalse(build.fixture("migrate").isReused(), "a fresh database needs its migration");
            }
            assertEquals(List.of("ran", "ran"), Files.readAllLines(dir.resolve("migrations.txt")));
        }
    }

    @Test
    void anUnreadableRecordIsAClearErrorBeforeAnythingStarts() throws Exception {
        Files.writeString(recordFile(), "web tree web 1@2\n");
        InvalidSpecException error = assertThrows(InvalidSpecException.class, () -> startReusing(db()));
        assertTrue(
                error.getMessage().contains(recordFile() + " line 1 is not a Tether fixture record"),
                error.getMessage());
        assertTrue(error.getMessage().contains("delete the file"), error.getMessage());
    }
}
