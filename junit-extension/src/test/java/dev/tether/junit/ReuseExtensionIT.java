package dev.tether.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.tether.junit.cases.ReuseTestCases;
import dev.tether.junit.cases.Seen;
import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.config.FixtureSpec;
import dev.tether.killer.fixture.FixtureGroup;
import dev.tether.killer.fixture.GroupOptions;
import dev.tether.killer.fixture.RunningFixture;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.reuse.FixtureRecords;
import dev.tether.killer.reuse.ReuseSetting;
import dev.tether.killer.testing.Os;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * {@code tether.reuse=true} from an IDE run: a fixture kept up and recorded as tether:run does (own supervisor,
 * the same spec, {@code run.state} in the Tether directory) is injected instead of started, and is still running
 * after the test class ends. On a machine where {@code CI} is set the extension must start its own instead.
 */
@EnabledOnOs(OS.LINUX)
class ReuseExtensionIT {
    @TempDir
    Path tetherDirectory;

    @BeforeEach
    void clear() {
        Seen.clear();
    }

    @Test
    void aRecordedMatchingFixtureIsInjectedAndLeftRunning() throws Exception {
        List<FixtureSpec> specs = AnnotationSpecs.translate(
                List.of(ReuseTestCases.class.getAnnotationsByType(ManagedProcess.class)),
                tetherDirectory.resolve("keeper"),
                "the keeper");
        try (ProcessSupervisor keeperSupervisor = ProcessSupervisor.launch();
                FixtureGroup kept = FixtureGroup.start(
                        specs,
                        GroupOptions.in(tetherDirectory.resolve("keeper")).withSupervisor(keeperSupervisor))) {
            FixtureRecords.write(
                    tetherDirectory.resolve(ReuseSetting.RECORD_FILE),
                    kept.fixtures().stream().map(RunningFixture::recordEntry).toList());
            ProcessId keptWeb = Os.idOf(kept.fixture("web").pid());

            EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                    .configurationParameter("tether.directory", tetherDirectory.toString())
                    .configurationParameter("tether.reuse", "true")
                    .selectors(selectClass(ReuseTestCases.class))
                    .execute();

            results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
            boolean onCi = !ReuseSetting.of(true).on();
            if (onCi) {
                int own = Seen.PIDS.get(0);
                assertNotEquals(keptWeb.pid(), own, "CI is set here: the extension starts its own");
                assertFalse(Os.PROC.process(own).filter(p -> !p.isDead()).isPresent(), "and stops it");
            } else {
                assertEquals(List.of(keptWeb.pid()), Seen.PIDS, "the kept server is injected");
                assertEquals(List.of(kept.fixture("web").port("web")), Seen.PORTS);
            }
            assertTrue(Os.isAlive(keptWeb), "the test class's end leaves the kept server running");
        }
    }

    @Test
    void aMistypedSwitchIsAClearErrorAndNothingStarts() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("tether.directory", tetherDirectory.toString())
                .configurationParameter("tether.reuse", "yes")
                .selectors(selectClass(ReuseTestCases.class))
                .execute();
        Throwable failure = results.allEvents().failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow())
                .map(result -> result.getThrowable().orElseThrow())
                .findFirst()
                .orElseThrow(() -> new AssertionError("nothing failed"));
        assertTrue(
                failure.getMessage().contains("tether.reuse is 'yes', which is neither true nor false"),
                failure.getMessage());
        assertTrue(Seen.PIDS.isEmpty(), "the test body did not run: " + Seen.PIDS);
    }
}
