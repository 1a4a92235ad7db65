package dev.tether.junit.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.junit.ManagedProcess;
import dev.tether.junit.Ready;
import org.junit.jupiter.api.Test;

/** A failing test whose fixtures' logs must ride along with its failure. */
@ManagedProcess(id = "db", command = "sh -c 'echo db: listening; exec sleep 300'", ready = @Ready(log = "listening"))
public class FailureLogTestCases {
    @Test
    @ManagedProcess(
            id = "api",
            command = "sh -c 'echo api: connection refused to db; exec sleep 300'",
            ready = @Ready(log = "refused"))
    void failsWithTheServersSideAttached() {
        assertEquals(200, 500, "the API answered 500");
    }
}
