package dev.tether.junit.cases.beta;

import dev.tether.junit.Fixture;
import dev.tether.junit.ManagedProcess;
import dev.tether.junit.ProcessFixture;
import dev.tether.junit.Ready;
import dev.tether.junit.cases.Seen;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Same simple name as its twin in the other package, and the same nested class name: run at once. */
@ManagedProcess(id = "web", command = "sh -c 'echo I am beta; exec sleep 300'", ready = @Ready(log = "I am beta"))
public class SameNameTestCases {
    @Test
    void seesItsOwnLog(@Fixture("web") ProcessFixture web) {
        Seen.PIDS.add((int) web.pid());
        Seen.LOGS.put(web.logFile(), web.logTail(5));
    }

    @Nested
    @ManagedProcess(
            id = "inner",
            command = "sh -c 'echo inner of beta; exec sleep 300'",
            ready = @Ready(log = "inner of beta"))
    class Inner {
        @Test
        void seesItsOwnLog(@Fixture("inner") ProcessFixture inner) {
            Seen.PIDS.add((int) inner.pid());
            Seen.LOGS.put(inner.logFile(), inner.logTail(5));
        }
    }
}
