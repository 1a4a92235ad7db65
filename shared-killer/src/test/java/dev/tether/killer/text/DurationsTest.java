package dev.tether.killer.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.process.Signal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void parsesEveryUnitAndCombinations() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms", "x"));
        assertEquals(Duration.ofSeconds(10), Durations.parse(" 10s ", "x"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m", "x"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h", "x"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("1m30s", "x"));
    }

    @Test
    void rejectsWhatIsNotADurationNamingTheSetting() {
        var error = assertThrows(IllegalArgumentException.class, () -> Durations.parse("10", "ready timeout"));
        assertTrue(error.getMessage().contains("The ready timeout '10' is not a duration"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("", "x"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("10 s", "x"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("5sec", "x"));
    }

    @Test
    void rejectsDurationsTooLongToWaitForOrToCountNamingTheSetting() {
        for (String huge : List.of("3000000h", "25h", "99999999999999999999s", "24h1ms")) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> Durations.parse(huge, "grace of step 1"));
            assertTrue(e.getMessage().contains("grace of step 1 '" + huge + "' is longer than 24h"), e.getMessage());
        }
        assertEquals(Duration.ofDays(1), Durations.parse("24h", "timeout"));
    }

    @Test
    void formatsTheShortestExactForm() {
        assertEquals("1m30s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("1s250ms", Durations.format(Duration.ofMillis(1250)));
        assertEquals("0ms", Durations.format(Duration.ZERO));
    }

    @Test
    void signalsParseByNameWithOrWithoutPrefixAndByNumber() {
        assertEquals(Signal.TERM, Signal.parse("term"));
        assertEquals(Signal.KILL, Signal.parse("SIGKILL"));
        assertEquals(Signal.INT, Signal.parse("2"));
        var error = assertThrows(IllegalArgumentException.class, () -> Signal.parse("STOP"));
        assertTrue(error.getMessage().contains("Unknown signal 'STOP'. Use one of HUP, INT"), error.getMessage());
    }
}
