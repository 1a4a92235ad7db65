package dev.tether.killer.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.SupervisorException;
import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.client.SpawnedTree;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.testing.Os;
import dev.tether.killer.testing.Scripts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor is SIGKILLed mid-test (OOM killer, a stray kill -9): the owner finishes its job. */
@EnabledOnOs(OS.LINUX)
class SupervisorDeathIT {
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @Test
    void theOwnerStopsEveryTreeAndTheNextRequestNamesTheDeath(@TempDir Path dir, @TempDir Path ledgers)
            throws Exception {
        try (ProcessSupervisor supervisor = ProcessSupervisor.launch(ledgers)) {
            List<ProcessId> all = new ArrayList<>();
            List<SpawnedTree> trees = new ArrayList<>();
            for (String script : List.of("wrapper-chain.sh", "setsid-child.sh", "ignores-term.sh")) {
                Path treeDir = Files.createDirectory(dir.resolve(script));
                trees.add(supervisor.spawn(Scripts.spec(
                        script, treeDir, script, treeDir.resolve("pids").toString())));
            }
            all.addAll(Os.awaitPids(dir.resolve("wrapper-chain.sh/pids"), 8, SETTLE));
            all.addAll(Os.awaitPids(dir.resolve("setsid-child.sh/pids"), 2, SETTLE));
            all.addAll(Os.awaitPids(dir.resolve("ignores-term.sh/pids"), 2, SETTLE));

            ProcessHandle.of(supervisor.pid()).orElseThrow().destroyForcibly();

            // The owner's own escalation: TERM, half a second, KILL. Well within the limit below.
            Os.awaitAllDead(all, Duration.ofSeconds(5));
            SupervisorException error =
                    assertThrows(SupervisorException.class, () -> trees.get(0).stop());
            assertTrue(error.getMessage().contains("died unexpectedly"), error.getMessage());
            assertTrue(error.getMessage().contains("killed by signal 9"), error.getMessage());
            assertTrue(error.getMessage().contains("stopped its 3 running trees itself"), error.getMessage());
            assertTrue(
                    supervisor.notices().stream().anyMatch(n -> n.contains("died unexpectedly")),
                    "listeners hear of it at once: " + supervisor.notices());
        }
    }
}
