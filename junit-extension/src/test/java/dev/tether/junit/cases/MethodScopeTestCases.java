package dev.tether.junit.cases;

import dev.tether.junit.Fixture;
import dev.tether.junit.ManagedProcess;
import dev.tether.junit.ProcessFixture;
import dev.tether.junit.Ready;
import org.junit.jupiter.api.Test;

public class MethodScopeTestCases {
    @Test
    @ManagedProcess(id = "mock", command = "sh -c 'echo mock up; exec sleep 300'", ready = @Ready(log = "mock up"))
    void first(@Fixture("mock") ProcessFixture mock) {
        Seen.PIDS.add(mock.pid());
    }

    @Test
    @ManagedProcess(id = "mock", command = "sh -c 'echo mock up; exec sleep 300'", ready = @Ready(log = "mock up"))
    void second(@Fixture("mock") ProcessFixture mock) {
        Seen.PIDS.add(mock.pid());
    }
}
