package dev.tether.killer.testing;

import dev.tether.killer.client.ProcessSupervisor;
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
        for (String script : new String[] {"wrapper-chain.sh", "scrubbed-daemon.sh", "setsid-child.sh"}) {
            Path treeDir = Files.createDirectories(dir.resolve(script));
            supervisor.spawn(Scripts.spec(
                    script, treeDir, script, treeDir.resolve("pids").toString()));
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
