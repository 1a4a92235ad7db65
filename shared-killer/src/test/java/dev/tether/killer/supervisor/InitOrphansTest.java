package dev.tether.killer.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.killer.process.ProcessInfo;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The portable backend's rule for orphans of pid 1, on made-up start times. */
class InitOrphansTest {
    private static ProcessInfo orphanStartedAt(long start) {
        return new ProcessInfo(4250, 1, 4250, 4250, start, 'S', "sleep");
    }

    private static final InitOrphans.Launch WEB = new InitOrphans.Launch("web", 100, 140);
    private static final InitOrphans.Launch DB = new InitOrphans.Launch("db", 130, 170);

    @Test
    void anOrphanBornInsideExactlyOneExitedLaunchersLifeIsThatFixtures() {
        assertEquals(Optional.of("web"), InitOrphans.whose(orphanStartedAt(120), List.of(WEB, DB), List.of()));
        assertEquals(Optional.of("db"), InitOrphans.whose(orphanStartedAt(150), List.of(WEB, DB), List.of()));
        assertEquals(Optional.of("web"), InitOrphans.whose(orphanStartedAt(140), List.of(WEB), List.of()));
    }

    @Test
    void anOrphanBornWhileTwoLaunchersLivedIsNobodys() {
        assertEquals(Optional.empty(), InitOrphans.whose(orphanStartedAt(135), List.of(WEB, DB), List.of()));
    }

    @Test
    void aFixtureLaunchedInTheSameStretchWhoseLeaderStillRunsMakesItNobodys() {
        assertEquals(Optional.empty(), InitOrphans.whose(orphanStartedAt(120), List.of(WEB), List.of(110L)));
        assertEquals(Optional.of("web"), InitOrphans.whose(orphanStartedAt(120), List.of(WEB), List.of(125L)));
        assertEquals(
                Optional.of("web"),
                InitOrphans.whose(orphanStartedAt(120), List.of(WEB), List.of(90L)),
                "a server launched before is no rival");
    }

    @Test
    void anOrphanBornOutsideEveryLauncherLifeIsNobodys() {
        assertEquals(Optional.empty(), InitOrphans.whose(orphanStartedAt(99), List.of(WEB), List.of()));
        assertEquals(Optional.empty(), InitOrphans.whose(orphanStartedAt(141), List.of(WEB), List.of()));
    }
}
