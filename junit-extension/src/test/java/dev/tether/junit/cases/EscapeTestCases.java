package dev.tether.junit.cases;

import dev.tether.junit.ManagedProcess;
import dev.tether.junit.Ready;
import org.junit.jupiter.api.Test;

public class EscapeTestCases {
    @Test
    @ManagedProcess(
            id = "escaping",
            command = {"/bin/sh", "target/test-classes/escape-cgroup.sh", "target/escapee.pid"},
            ready = @Ready(file = "target/escapee.pid"))
    void leavesAnEscapee() {}
}
