package dev.tether.junit.cases;

import dev.tether.junit.Fixture;
import dev.tether.junit.ManagedProcess;
import dev.tether.junit.ProcessFixture;
import dev.tether.junit.Ready;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A class-scoped server that crashes during the second test: that test fails naming it, the third does not
 * run its body. The crash is triggered by the test itself (a file the server watches), never by a timer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ManagedProcess(
        id = "flaky",
        command = "sh -c 'echo up; while [ ! -e target/crash-now ]; do sleep 0.01; done;"
                + " echo dying: disk full; exit 3'",
        ready = @Ready(log = "up", timeout = "20s"))
public class CrashTestCases {
    public static final Path TRIGGER = Path.of("target/crash-now");

    @Test
    @Order(1)
    void beforeTheCrash(@Fixture("flaky") ProcessFixture flaky) {
        Seen.PIDS.add(flaky.pid());
    }

    @Test
    @Order(2)
    void duringTheCrash(@Fixture("flaky") ProcessFixture flaky) throws Exception {
        Files.writeString(TRIGGER, "now");
        while (flaky.isAlive()) {
            Thread.sleep(1); // the body ends once the server is gone, as a test using it would
        }
    }

    @Test
    @Order(3)
    void afterTheCrash() {
        Seen.LOGS.put(Path.of("body of afterTheCrash ran"), java.util.List.of());
    }
}
