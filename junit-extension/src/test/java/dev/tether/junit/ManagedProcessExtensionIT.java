package dev.tether.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.tether.junit.cases.ClassScopeTestCases;
import dev.tether.junit.cases.CrashTestCases;
import dev.tether.junit.cases.EnvironmentFileTestCases;
import dev.tether.junit.cases.EscapeTestCases;
import dev.tether.junit.cases.FailingSiblingTestCases;
import dev.tether.junit.cases.FailingTestCases;
import dev.tether.junit.cases.FailureLogTestCases;
import dev.tether.junit.cases.JavaMainTestCases;
import dev.tether.junit.cases.LifecycleMethodTestCases;
import dev.tether.junit.cases.MethodScopeTestCases;
import dev.tether.junit.cases.MisuseTestCases;
import dev.tether.junit.cases.NestedTestCases;
import dev.tether.junit.cases.OneshotTestCases;
import dev.tether.junit.cases.ParallelTestCases;
import dev.tether.junit.cases.Seen;
import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.testing.Os;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** The extension's behaviour, driven through EngineTestKit, checked against what /proc shows afterwards. */
@EnabledOnOs(OS.LINUX)
class ManagedProcessExtensionIT {
    @BeforeEach
    void clear() {
        Seen.clear();
    }

    private static EngineExecutionResults run(DiscoverySelector selector) {
        return EngineTestKit.engine("junit-jupiter").selectors(selector).execute();
    }

    /** The pids the cases saw, with their start times read while they still ran: never a reused pid. */
    private static void assertAllDead(List<Integer> pids) {
        assertFalse(pids.isEmpty(), "the cases saw no process");
        for (int pid : pids) {
            assertFalse(
                    Os.PROC.process(pid).filter(p -> !p.isDead()).isPresent(),
                    "pid " + pid + " outlived its scope: " + Os.PROC.commandLine(pid));
        }
    }

    private static Throwable failureOf(EngineExecutionResults results) {
        return results.allEvents().failed().stream()
                .map(Event::getPayload)
                .flatMap(Optional::stream)
                .map(p -> ((org.junit.platform.engine.TestExecutionResult) p)
                        .getThrowable()
                        .orElseThrow())
                .findFirst()
                .orElseThrow(() -> new AssertionError("nothing failed"));
    }

    private static Throwable rootOf(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure, failure);
    }

    @Test
    void classScopedFixtureServesEveryTestOnceAndIsReapedAfterThem() {
        run(selectClass(ClassScopeTestCases.class))
                .testEvents()
                .assertStatistics(s -> s.succeeded(2).failed(0));
        assertEquals(2, Seen.PIDS.size());
        assertEquals(Seen.PIDS.get(0), Seen.PIDS.get(1), "one process for the whole class");
        assertAllDead(Seen.PIDS);
    }

    @Test
    void classFixturesAreInjectedIntoBeforeAllAndBeforeEach() {
        run(selectClass(LifecycleMethodTestCases.class))
                .testEvents()
                .assertStatistics(s -> s.succeeded(1).failed(0));
        assertEquals(3, Seen.PIDS.size(), "@BeforeAll, @BeforeEach and the test each saw it");
        assertEquals(1, new HashSet<>(Seen.PIDS).size(), "the same process in all three");
        assertAllDead(Seen.PIDS);
    }

    @Test
    void methodScopedFixtureIsStartedAndReapedPerTest() {
        EngineExecutionResults results = run(selectClass(MethodScopeTestCases.class));
        results.testEvents().assertStatistics(s -> s.succeeded(2));
        assertEquals(2, new HashSet<>(Seen.PIDS).size(), "a process of its own for each test");
        assertAllDead(Seen.PIDS);
        // each stop is reported through JUnit (report entries), not printed on System.out
        List<String> entries = results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(org.junit.platform.engine.reporting.ReportEntry.class)
                        .orElseThrow()
                        .getKeyValuePairs()
                        .get("tether"))
                .toList();
        assertEquals(2, entries.size(), "one entry per test's stop: " + entries);
        assertTrue(
                entries.stream().allMatch(e -> e.matches("mock: 1 process ended \\(1 by TERM\\) in .*")),
                entries.toString());
    }

    @Test
    void anEnvironmentFileReachesTheProcessAndItsMistakesAreNamed() {
        EngineExecutionResults results = run(selectClass(EnvironmentFileTestCases.class));
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        assertEquals(1, Seen.PIDS.size(), "the fixture with the file started: " + Seen.PIDS);
        assertAllDead(Seen.PIDS);
        Throwable failure = failureOf(results);
        assertTrue(
                failure.getMessage().contains("environmentFile: the environment file ")
                        && failure.getMessage().contains("missing.env does not exist"),
                failure.getMessage());
    }

    @Test
    void aOneshotTaskCompletesBeforeWhatNeedsItAndItsFailureNamesItsExit() {
        EngineExecutionResults results = run(selectClass(OneshotTestCases.class));
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        assertEquals(1, Seen.PIDS.size(), "the app started after the task: " + Seen.PIDS);
        assertAllDead(Seen.PIDS);
        Throwable failure = failureOf(results);
        assertTrue(
                failure.getMessage().contains("@ManagedProcess 'seed'")
                        && failure.getMessage().contains("exit code 4")
                        && failure.getMessage().contains("seed failed: no database"),
                failure.getMessage());
    }

    @Test
    void aJavaMainClassRunsWithTheTestClassPathAndItsTreeIsReaped() {
        EngineExecutionResults results = run(selectClass(JavaMainTestCases.class));
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        assertEquals(2, Seen.PIDS.size(), "the JVM and its child: " + Seen.PIDS);
        assertAllDead(Seen.PIDS);
        Throwable failure = failureOf(results);
        assertTrue(
                failure.getMessage().contains("@ManagedProcess(id = \"confused\")")
                        && failure.getMessage().contains("jvmArgs and args belong to javaMain"),
                failure.getMessage());
    }

    @Test
    void aFixtureThatCrashesFailsTheTestDuringWhichItDiedAndRefusesTheNextOnes() throws Exception {
        Files.deleteIfExists(CrashTestCases.TRIGGER);
        EngineExecutionResults results = run(selectClass(CrashTestCases.class));
        Files.deleteIfExists(CrashTestCases.TRIGGER);
        List<String> failures = results.testEvents().failed().stream()
                .map(event -> event.getTestDescriptor().getDisplayName() + ": "
                        + event.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                                .getThrowable()
                                .orElseThrow()
                                .getMessage())
                .toList();
        assertEquals(2, failures.size(), "the test during the crash and the one after fail: " + failures);
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(2));
        assertAllDead(Seen.PIDS);
        String during = failures.get(0);
        assertTrue(during.startsWith("duringTheCrash(ProcessFixture): A fixture exited while"), during);
        assertTrue(during.contains("flaky (pid " + Seen.PIDS.get(0) + ") exited unexpectedly"), during);
        assertTrue(during.contains("exit code 3") && during.contains("dying: disk full"), during);
        String after = failures.get(1);
        assertTrue(
                after.startsWith("afterTheCrash(): afterTheCrash() did not run: a fixture it needs is gone."), after);
        assertTrue(after.contains("during duringTheCrash(ProcessFixture)"), after);
        assertTrue(Seen.LOGS.isEmpty(), "the body of the test after the crash must not run");
    }

    @Test
    void aFailedTestCarriesTheLogTailsOfTheFixturesInItsScopes() {
        EngineExecutionResults results = run(selectClass(FailureLogTestCases.class));
        results.testEvents().assertStatistics(s -> s.failed(1));
        Throwable failure = failureOf(results);
        assertTrue(failure.getMessage().contains("the API answered 500"), failure.getMessage());
        assertEquals(1, failure.getSuppressed().length, "one attachment: " + List.of(failure.getSuppressed()));
        String logs = failure.getSuppressed()[0].getMessage();
        assertTrue(logs.startsWith("The last lines of the fixtures' logs when the test failed:"), logs);
        assertTrue(logs.contains("[api] ") && logs.contains("    api: connection refused to db"), logs);
        assertTrue(logs.contains("[db] ") && logs.contains("    db: listening"), logs);
        assertTrue(logs.indexOf("[api]") < logs.indexOf("[db]"), "the test's own fixtures first: " + logs);
    }

    @Test
    void nestedClassesSeeTheFixturesOfTheirEnclosingClass() {
        run(selectClass(NestedTestCases.class)).testEvents().assertStatistics(s -> s.succeeded(1));
        assertAllDead(Seen.PIDS);
    }

    @Test
    void fixturesOfFailedErroredAndTimedOutTestsAreReaped() {
        run(selectClass(FailingTestCases.class)).testEvents().assertStatistics(s -> s.failed(3));
        assertEquals(3, Seen.PIDS.size());
        assertAllDead(Seen.PIDS);
    }

    @Test
    void siblingThatCannotStartFailsTheClassWithItsReasonAndTheFirstIsReaped() throws Exception {
        Path goodPid = Path.of("target/failing-sibling-good.pid");
        Files.deleteIfExists(goodPid);
        EngineExecutionResults results = run(selectClass(FailingSiblingTestCases.class));
        results.testEvents().assertStatistics(s -> s.started(0));
        String message = failureOf(results).getMessage();
        assertTrue(message.startsWith("@ManagedProcess 'bad' (pid "), message);
        assertTrue(message.contains("exited with exit code 4 before it was ready"), message);
        assertTrue(message.contains("| cannot bind: address in use"), message);
        assertAllDead(List.of(Integer.parseInt(Files.readString(goodPid).trim())));
    }

    @Test
    void processThatEscapesItsTreeIsStillAttributedAndStoppedWithIt() throws Exception {
        assumeTrue(
                !ProcessSupervisor.shared().hello().cgroup().isEmpty(),
                "escaping needs a writable cgroup v2 hierarchy to leave; here the supervisor has none");
        Path escapee = Path.of("target/escapee.pid");
        Files.deleteIfExists(escapee);
        // It leaves its cgroup, calls setsid, clears its environment and double-forks. It was still adopted
        // while only this fixture ran, so the adoption rules give it to this fixture and its stop ends it.
        EngineExecutionResults results = run(selectClass(EscapeTestCases.class));
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        assertAllDead(List.of(Integer.parseInt(Files.readString(escapee).trim())));
    }

    @Test
    void misuseIsAConfigurationErrorThatNamesTheMistake() {
        String unknown = rootOf(
                        failureOf(run(selectMethod(
                                MisuseTestCases.class, "unknownFixtureId", ProcessFixture.class.getName()))),
                        ParameterResolutionException.class)
                .getMessage();
        assertTrue(unknown.contains("@Fixture(\"wbe\")") && unknown.contains("in scope: web"), unknown);
        String wrongType = rootOf(
                        failureOf(
                                run(selectMethod(MisuseTestCases.class, "wrongParameterType", String.class.getName()))),
                        ParameterResolutionException.class)
                .getMessage();
        assertTrue(
                wrongType.contains("has type java.lang.String")
                        && wrongType.contains("Declare the parameter as ProcessFixture"),
                wrongType);
        String duplicate = rootOf(
                        failureOf(run(selectMethod(MisuseTestCases.class, "duplicateId"))),
                        ExtensionConfigurationException.class)
                .getMessage();
        assertTrue(duplicate.contains("Two @ManagedProcess fixtures have the id 'web'"), duplicate);
        String cycle = rootOf(
                        failureOf(run(selectMethod(MisuseTestCases.class, "cycle"))),
                        ExtensionConfigurationException.class)
                .getMessage();
        assertTrue(cycle.contains("cycle: a -> b -> a"), cycle);
        String duration = rootOf(
                        failureOf(run(selectMethod(MisuseTestCases.class, "badDuration"))),
                        ExtensionConfigurationException.class)
                .getMessage();
        assertTrue(
                duration.contains("@ManagedProcess(id = \"web\")") && duration.contains("'10' is not a duration"),
                duration);
    }

    @Test
    void parallelTestsEachGetTheirOwnServerAndPort() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
                .selectors(selectClass(ParallelTestCases.class))
                .execute();
        results.testEvents().assertStatistics(s -> s.succeeded(6));
        assertEquals(6, new HashSet<>(Seen.PORTS).size(), "no two runs share a port: " + Seen.PORTS);
        assertEquals(6, new HashSet<>(Seen.PIDS).size());
        assertAllDead(Seen.PIDS);
    }

    @Test
    void classesWithTheSameSimpleNameRunningAtOnceNeverShareALog() {
        EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .selectors(
                        selectClass(dev.tether.junit.cases.alpha.SameNameTestCases.class),
                        selectClass(dev.tether.junit.cases.beta.SameNameTestCases.class))
                .execute()
                .testEvents()
                .assertStatistics(s -> s.succeeded(4));
        assertEquals(4, Seen.LOGS.size(), "four scopes, four log files: " + Seen.LOGS.keySet());
        Seen.LOGS.forEach((log, tail) -> {
            String pkg = log.toString().contains(".alpha.") ? "alpha" : "beta";
            String line = log.getFileName().toString().equals("inner.log") ? "inner of " + pkg : "I am " + pkg;
            assertEquals(List.of(line), tail, log + " holds only its own fixture's output");
        });
        assertAllDead(Seen.PIDS);
    }
}
