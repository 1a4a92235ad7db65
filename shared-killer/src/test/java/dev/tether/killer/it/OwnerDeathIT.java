package dev.tether.killer.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.testing.ChildOwner;
import dev.tether.killer.testing.Os;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** However the owner dies, its trees die with it; if the supervisor dies too, the next one cleans up. */
@EnabledOnOs(OS.LINUX)
class OwnerDeathIT {
    @Test
    void ownerKilledWithSigkillTakesEveryTreeWithIt(@TempDir Path dir, @TempDir Path ledgers) throws Exception {
        try (ChildOwner owner = new ChildOwner(dir, ledgers)) {
            ProcessId supervisor = Os.idOf(owner.supervisorPid);
            assertTrue(owner.fixtures.stream().allMatch(Os::isAlive), "all trees run before the kill");

            owner.jvm.destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye

            Os.awaitAllDead(owner.fixtures, Duration.ofSeconds(2));
            Os.awaitAllDead(java.util.List.of(supervisor), Duration.ofSeconds(5));
        }
    }

    @Test
    void ledgerOfACrashedOwnerAndSupervisorIsSweptByTheNextSupervisor(@TempDir Path dir, @TempDir Path ledgers)
            throws Exception {
        try (ChildOwner owner = new ChildOwner(dir, ledgers)) {
            owner.awaitEverythingInLedger(ledgers);
            ProcessHandle.of(owner.supervisorPid).orElseThrow().destroyForcibly();
            Os.await(
                    "the supervisor to die",
                    Duration.ofSeconds(5),
                    () -> ProcessHandle.of(owner.supervisorPid)
                            .map(h -> !h.isAlive())
                            .orElse(true));
            owner.jvm.destroyForcibly();
            owner.jvm.waitFor();
            assertTrue(
                    owner.fixtures.stream().allMatch(Os::isAlive),
                    "with both dead, the trees are orphaned and still running: " + Os.describe(owner.fixtures));

            try (ProcessSupervisor next = ProcessSupervisor.launch(ledgers)) {
                Os.awaitAllDead(owner.fixtures, Duration.ofSeconds(10));
                Os.await(
                        "a notice of what was reaped",
                        Duration.ofSeconds(5),
                        () -> next.notices().stream().anyMatch(n -> n.contains("Reaped leftovers of a crashed build")));
                assertTrue(
                        next.notices().stream().anyMatch(n -> n.contains("owner pid " + owner.jvm.pid())),
                        String.valueOf(next.notices()));
            }
        }
    }
}
