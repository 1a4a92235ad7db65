package dev.tether.killer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.testing.Os;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Runs after every other IT of this JVM (class order by @Order, set in the POM) and fails the build if any
 * process the suite started is still alive: fixtures carry TETHER_FIXTURE, supervisors TETHER_SUPERVISOR, and
 * other test processes TETHER_TEST; daemons that cleared their environment are found by the identities the
 * tests read from their pid files.
 *
 * <p>Another build of this repository on the same machine must not fail this check: every test JVM runs
 * with {@value #BUILD_MARKER} set to its build's start (the POM passes it), and its processes inherit it, so a
 * marked process carrying another build's value is that build's. One without the variable (a test cleared its
 * environment) cannot be told apart and counts.
 */
@EnabledOnOs(OS.LINUX)
@Order(Integer.MAX_VALUE)
class ZzNothingLeftBehindIT {
    private static final List<String> MARKERS = List.of("TETHER_FIXTURE", "TETHER_SUPERVISOR", Os.TEST_MARKER);
    private static final String BUILD_MARKER = "TETHER_BUILD";

    @Test
    void noMarkedProcessSurvivesTheSuite() {
        long suiteStart = buildStart();
        List<String> leftovers = new ArrayList<>();
        try {
            Os.await("every marked process to be gone", Duration.ofSeconds(10), () -> {
                leftovers.clear();
                leftovers.addAll(marked(suiteStart));
                Os.witnessedAlive()
                        .forEach(id -> leftovers.add(
                                id.pid() + " " + Os.PROC.commandLine(id.pid()) + " (read from a test's pid file)"));
                return leftovers.isEmpty();
            });
        } catch (AssertionError timedOut) {
            assertEquals(List.of(), leftovers, "processes the suite started are still running");
        }
    }

    /**
     * Processes older than the Maven build that runs this suite are not its business: the build's JVM (the
     * ancestor running Maven's launcher) marks the start; without Maven, this JVM does.
     */
    static long buildStart() {
        for (var p = ProcessHandle.current().parent();
                p.isPresent();
                p = p.get().parent()) {
            int pid = (int) p.get().pid();
            if (Os.PROC.commandLine(pid).contains("classworlds")) {
                return Os.idOf(pid).startTime();
            }
        }
        return Os.idOf((int) ProcessHandle.current().pid()).startTime();
    }

    /** The shared supervisor of this JVM ends with the JVM; its fixtures, if any, still count. */
    private static boolean isThisJvmsSupervisor(String marker, String value) {
        return marker.equals("TETHER_SUPERVISOR")
                && value.equals(Long.toString(ProcessHandle.current().pid()));
    }

    /** It carries the build marker with a value other than this JVM's: another build's process. */
    static boolean isOtherBuilds(int pid) {
        String ours = System.getenv(BUILD_MARKER);
        return ours != null
                && Os.PROC
                        .environmentVariable(pid, BUILD_MARKER)
                        .filter(theirs -> !theirs.equals(ours))
                        .isPresent();
    }

    static List<String> marked(long notBefore) {
        List<String> found = new ArrayList<>();
        for (ProcessInfo process : Os.snapshot().all()) {
            if (process.isDead() || process.startTime() < notBefore || isOtherBuilds(process.pid())) {
                continue;
            }
            for (String marker : MARKERS) {
                Os.PROC
                        .environmentVariable(process.pid(), marker)
                        .filter(value -> !isThisJvmsSupervisor(marker, value))
                        .ifPresent(value -> found.add(process.pid() + " " + Os.PROC.commandLine(process.pid()) + " ("
                                + marker + "=" + value + ")"));
            }
        }
        return found;
    }
}
