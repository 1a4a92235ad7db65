package dev.tether.killer.testing;

import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.client.SpawnedTree;
import dev.tether.killer.internal.EngineClasses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

/**
 * A stand-in for a Maven build or a test JVM: owns a supervisor and a few trees, reports pids on stdout, then
 * waits to be killed. Usage: {@code OwnerMain <work dir> <ledger dir>}.
 */
public final class OwnerMain {
    private OwnerMain() {}

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        ProcessSupervisor supervisor = ProcessSupervisor.launch(Paths.get(args[1]));
        System.out.println("SUPERVISOR " + supervisor.pid());
        // The daemon first, alone until its launcher is gone: on the portable backend a daemon is told apart by
        // when it was made, and one made while another fixture was being launched is nobody's (a documented limit)
        for (String script : new String[] {"scrubbed-daemon.sh", "wrapper-chain.sh", "setsid-child.sh"}) {
            Path treeDir = Files.createDirectories(dir.resolve(script));
            SpawnedTree tree = supervisor.spawn(Scripts.spec(
                    script, treeDir, script, treeDir.resolve("pids").toString()));
            if (script.equals("scrubbed-daemon.sh")) {
                Os.await("the daemon's launcher to exit", Duration.ofSeconds(20), () -> !tree.isLeaderAlive());
            }
        }
        // ReplacedJarIT damages the engine's jar after READY: by then this JVM must hold what it stops with
        if (!EngineClasses.awaitPreloaded(Duration.ofSeconds(30))) {
            throw new IllegalStateException("the engine's classes did not load within 30 s");
        }
        System.out.println("READY");
        System.out.flush();
        System.in.read(); // until the test kills this JVM
    }
}
