package it;

import it.support.MavenEnding;
import org.junit.jupiter.api.Test;

class KillMavenIT {
    /** SIGKILL: no shutdown hook, no stop goal. */
    @Test
    void killMavenWhileTheServersRun() throws Exception {
        MavenEnding.signal("KILL");
    }
}
