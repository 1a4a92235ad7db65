package dev.tether.junit.cases;

import dev.tether.junit.ManagedProcess;
import dev.tether.junit.Ready;
import org.junit.jupiter.api.Test;

@ManagedProcess(id = "good", command = "sh -c 'echo $$ > target/failing-sibling-good.pid; exec sleep 300'")
@ManagedProcess(
        id = "bad",
        command = "sh -c 'echo cannot bind: address in use >&2; exit 4'",
        ports = "bad",
        needs = "good",
        ready = @Ready(tcp = "bad", timeout = "5m"))
public class FailingSiblingTestCases {
    @Test
    void neverRuns() {
        throw new AssertionError("must not run: a fixture failed to start");
    }
}
