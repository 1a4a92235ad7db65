package dev.tether.killer.stop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.process.Signal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopPolicyTest {
    @Test
    void parsesStepsAndAlwaysEndsWithKill() {
        StopPolicy policy = StopPolicy.parse("INT 3s, SIGTERM 500ms");
        assertEquals(
                List.of(
                        new StopStep(Signal.INT, Duration.ofSeconds(3)),
                        new StopStep(Signal.TERM, Duration.ofMillis(500)),
                        new StopStep(Signal.KILL, StopPolicy.KILL_CONFIRMATION)),
                policy.steps());
        assertEquals("INT 3s, TERM 500ms, KILL 5s", policy.toString());
    }

    @Test
    void defaultIsTermForTenSecondsThenKill() {
        assertEquals("TERM 10s, KILL 5s", StopPolicy.DEFAULT.toString());
        assertEquals(Duration.ofSeconds(15), StopPolicy.DEFAULT.worstCase());
    }

    @Test
    void unknownSignalNamesTheValueAndTheChoices() {
        var error = assertThrows(IllegalArgumentException.class, () -> StopPolicy.parse("TREM 10s"));
        assertTrue(error.getMessage().contains("Unknown signal 'TREM'"), error.getMessage());
        assertTrue(error.getMessage().contains("TERM"), error.getMessage());
    }

    @Test
    void negativeGraceIsRefused() {
        var error = assertThrows(IllegalArgumentException.class, () -> StopPolicy.parse("TERM -5s"));
        assertTrue(error.getMessage().contains("negative: '-5s'"), error.getMessage());
    }

    @Test
    void zeroOrMissingGraceIsRefused() {
        var zero = assertThrows(IllegalArgumentException.class, () -> StopPolicy.parse("TERM 0s"));
        assertTrue(zero.getMessage().contains("must be positive"), zero.getMessage());
        var missing = assertThrows(IllegalArgumentException.class, () -> StopPolicy.parse("TERM"));
        assertTrue(missing.getMessage().contains("should be a signal and a grace"), missing.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> StopPolicy.parse(" "));
        assertTrue(empty.getMessage().contains("stop policy is empty"), empty.getMessage());
    }
}
