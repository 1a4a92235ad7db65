package dev.tether.junit.cases;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tether.junit.Fixture;
import dev.tether.junit.ManagedProcess;
import dev.tether.junit.ProcessFixture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

public class FailingTestCases {
    @Test
    @ManagedProcess(id = "web", command = "sleep 300")
    void failsAnAssertion(@Fixture("web") ProcessFixture web) {
        Seen.PIDS.add(web.pid());
        fail("the test fails; its fixture must be reaped all the same");
    }

    @Test
    @ManagedProcess(id = "web", command = "sleep 300")
    void throwsAnError(@Fixture("web") ProcessFixture web) {
        Seen.PIDS.add(web.pid());
        throw new LinkageError("simulated: an Error, not an Exception");
    }

    @Test
    @Timeout(1)
    @ManagedProcess(id = "web", command = "sleep 300")
    void timesOut(@Fixture("web") ProcessFixture web) throws InterruptedException {
        Seen.PIDS.add(web.pid());
        new CountDownLatch(1).await(); // never released: only the timeout ends this test
    }
}
