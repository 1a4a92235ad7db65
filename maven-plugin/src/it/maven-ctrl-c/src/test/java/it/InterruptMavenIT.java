package it;

import it.support.MavenEnding;
import org.junit.jupiter.api.Test;

class InterruptMavenIT {
    /**
     * Ctrl-C in a terminal sends SIGINT to the foreground group (Maven, this fork); Tether's processes run in
     * sessions of their own and never see it. Only Maven is interrupted here: it runs its shutdown hooks and ends.
     */
    @Test
    void interruptMavenWhileTheServersRun() throws Exception {
        MavenEnding.signal("INT");
    }
}
