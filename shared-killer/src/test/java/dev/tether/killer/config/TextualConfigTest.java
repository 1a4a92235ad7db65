package dev.tether.killer.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.InvalidSpecException;
import dev.tether.killer.stop.StopPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What both adapters' settings mean: one parser, so a POM and an annotation can never disagree. */
class TextualConfigTest {
    private static final String WHERE = "<process> 'web' <ready>";

    @Test
    void nothingSetMeansReadyAtOnceWithTheDefaultTimeout() {
        Readiness readiness = TextualConfig.readiness(ReadySettings.written(), WHERE);
        assertTrue(readiness.probes().isEmpty());
        assertFalse(readiness.any());
        assertEquals(Readiness.DEFAULT_TIMEOUT, readiness.timeout());
    }

    @Test
    void everySettingBecomesItsProbe() {
        Readiness readiness = TextualConfig.readiness(
                ReadySettings.written()
                        .tcp("web")
                        .http("http://localhost/health")
                        .status("200-299")
                        .log("Started")
                        .occurrence(2)
                        .file("ready.flag")
                        .command("pg_isready -q")
                        .delay("1s")
                        .timeout("45s")
                        .mode("any"),
                WHERE);
        assertEquals(6, readiness.probes().size());
        assertTrue(readiness.any());
        assertEquals(Duration.ofSeconds(45), readiness.timeout());
        assertEquals(new Probe.Log("Started", 2), readiness.probes().get(2));
    }

    @Test
    void statusIsANumberOrARange() {
        assertArrayEquals(new int[] {200, 399}, TextualConfig.statusRange(null, WHERE));
        assertArrayEquals(new int[] {204, 204}, TextualConfig.statusRange("204", WHERE));
        assertArrayEquals(new int[] {200, 299}, TextualConfig.statusRange(" 200-299 ", WHERE));
        InvalidSpecException e =
                assertThrows(InvalidSpecException.class, () -> TextualConfig.statusRange("2xx", WHERE));
        assertTrue(e.getMessage().contains("'2xx'") && e.getMessage().contains(WHERE), e.getMessage());
    }

    @Test
    void anUnknownModeNamesTheValueAndTheChoices() {
        InvalidSpecException e = assertThrows(
                InvalidSpecException.class,
                () -> TextualConfig.readiness(ReadySettings.written().tcp("web").mode("some"), WHERE));
        assertTrue(e.getMessage().contains("'some'") && e.getMessage().contains("'any'"), e.getMessage());
    }

    @Test
    void aBadTimeoutNamesTheValue() {
        InvalidSpecException e = assertThrows(
                InvalidSpecException.class,
                () -> TextualConfig.readiness(ReadySettings.written().timeout("-5s"), WHERE));
        assertTrue(e.getMessage().contains("-5s"), e.getMessage());
    }

    @Test
    void stopSettingsBecomeAPolicyAndAnUnknownSignalIsNamed() {
        assertEquals(StopPolicy.DEFAULT, TextualConfig.stopPolicy(null, null, null, "<stop>"));
        StopPolicy policy = TextualConfig.stopPolicy("INT", "5s", null, "<stop>");
        assertEquals(Duration.ofSeconds(5), policy.steps().get(0).grace());
        InvalidSpecException e = assertThrows(
                InvalidSpecException.class,
                () -> TextualConfig.stopPolicy("TREM", null, null, "<process> 'web' <stop>"));
        assertTrue(e.getMessage().contains("TREM") && e.getMessage().contains("TERM"), e.getMessage());
    }
}
