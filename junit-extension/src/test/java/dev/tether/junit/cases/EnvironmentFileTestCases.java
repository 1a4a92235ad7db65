package dev.tether.junit.cases;

import dev.tether.junit.Fixture;
import dev.tether.junit.ManagedProcess;
import dev.tether.junit.ProcessFixture;
import dev.tether.junit.Ready;
import org.junit.jupiter.api.Test;

public class EnvironmentFileTestCases {
    /** The file gives both variables; the annotation's entry wins for GREETING. Ready only if both arrived. */
    @Test
    @ManagedProcess(
            id = "app",
            command = "sh -c 'echo \"$GREETING|$FROM_FILE\"; exec sleep 300'",
            environmentFile = "src/test/resources/env/app.env",
            environment = "GREETING=from-annotation",
            ready = @Ready(log = "from-annotation|quoted value", timeout = "20s"))
    void bothSourcesReachTheProcess(@Fixture("app") ProcessFixture app) {
        Seen.PIDS.add(app.pid());
    }

    @Test
    @ManagedProcess(id = "missing", command = "sleep 300", environmentFile = "src/test/resources/env/missing.env")
    void aMissingFileFailsBeforeAnythingStarts() {}
}
