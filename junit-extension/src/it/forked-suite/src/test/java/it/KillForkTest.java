package it;

import dev.tether.junit.Fixture;
import dev.tether.junit.ManagedProcess;
import dev.tether.junit.ProcessFixture;
import dev.tether.junit.Ready;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

@ManagedProcess(
        id = "doomed",
        command = {"sh", "-c", "sleep 300 & setsid sleep 301 & echo up; wait"},
        ready = @Ready(log = "up"))
class KillForkTest {
    @Test
    void killsItsOwnForkWithSigkill(@Fixture("doomed") ProcessFixture doomed) throws Exception {
        Pids.record("doomed", List.of(doomed.pid()));
        new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start();
        new CountDownLatch(1).await(); // the SIGKILL ends this JVM here
    }
}
