package it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.junit.Fixture;
import dev.tether.junit.ManagedProcess;
import dev.tether.junit.ProcessFixture;
import dev.tether.junit.Ready;
import org.junit.jupiter.api.Test;

/** Each fixture's log is attached to its scope's report on JUnit 5.12+ (verify.groovy looks for the files). */
@ManagedProcess(
        id = "classwide",
        command = {"sh", "-c", "echo classwide-log-line; echo up; exec sleep 300"},
        ready = @Ready(log = "up"))
class PublishedLogsTest {
    @Test
    @ManagedProcess(
            id = "own",
            command = {"sh", "-c", "echo own-log-line; echo up; exec sleep 300"},
            ready = @Ready(log = "up"))
    void usesBoth(@Fixture("classwide") ProcessFixture classwide, @Fixture("own") ProcessFixture own) {
        assertTrue(classwide.isAlive() && own.isAlive());
    }
}
