package dev.tether.junit.cases;

import dev.tether.junit.Fixture;
import dev.tether.junit.ManagedProcess;
import dev.tether.junit.ProcessFixture;
import dev.tether.junit.Ready;
import org.junit.jupiter.api.Test;

/** Each method is one mistake a user can make. */
public class MisuseTestCases {
    @Test
    @ManagedProcess(id = "web", command = "sleep 300")
    void unknownFixtureId(@Fixture("wbe") ProcessFixture web) {}

    @Test
    @ManagedProcess(id = "web", command = "sleep 300")
    void wrongParameterType(@Fixture("web") String web) {}

    @Test
    @ManagedProcess(id = "web", command = "sleep 300")
    @ManagedProcess(id = "web", command = "sleep 301")
    void duplicateId() {}

    @Test
    @ManagedProcess(id = "a", command = "sleep 300", needs = "b")
    @ManagedProcess(id = "b", command = "sleep 300", needs = "a")
    void cycle() {}

    @Test
    @ManagedProcess(id = "web", command = "sleep 300", ready = @Ready(delay = "1s", timeout = "10"))
    void badDuration() {}
}
