package dev.tether.killer.testing;

import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.client.SpawnedTree;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Another build of the same user, in a JVM of its own (a second Surefire fork, a build beside this one): launches
 * a supervisor keeping its ledger in the given directory, says {@code LAUNCHING} once it answers, spawns a server,
 * says {@code SPAWNED <pid>}, then runs until its stdin closes. Usage: {@code OtherBuildMain <work dir> <ledger
 * dir>}.
 */
public final class OtherBuildMain {
    private OtherBuildMain() {}

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        try (ProcessSupervisor supervisor = ProcessSupervisor.launch(Paths.get(args[1]), false)) {
            supervisor.hello();
            System.out.println("LAUNCHING");
            System.out.flush();
            SpawnedTree server = supervisor.spawn(Scripts.sleepingServer(dir));
            System.out.println("SPAWNED " + server.pid());
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the test closes its stdin; the supervisor then stops the server
            }
        }
    }
}
