package dev.tether.killer.supervisor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class NewProcessesTest {
    private final NewProcesses gate = new NewProcesses();

    @Test
    void aNewPidIsLookedAtTwiceThenNoMoreUntilTheNextFork() {
        assertTrue(gate.sinceLastLook(OptionalInt.of(100)), "the first look");
        // pid 100 may have been handed out just before that look began, its process not yet in /proc
        assertTrue(gate.sinceLastLook(OptionalInt.of(100)), "a look that began after one had read 100");
        assertFalse(gate.sinceLastLook(OptionalInt.of(100)));
        assertFalse(gate.sinceLastLook(OptionalInt.of(100)));

        assertTrue(gate.sinceLastLook(OptionalInt.of(105)), "a fork since");
        assertTrue(gate.sinceLastLook(OptionalInt.of(105)));
        assertFalse(gate.sinceLastLook(OptionalInt.of(105)));
    }

    @Test
    void forksBetweenEveryTwoLooksKeepTheLooksComing() {
        assertTrue(gate.sinceLastLook(OptionalInt.of(100)));
        assertTrue(gate.sinceLastLook(OptionalInt.of(101)));
        assertTrue(gate.sinceLastLook(OptionalInt.of(102)));
        assertTrue(gate.sinceLastLook(OptionalInt.of(102)));
        assertFalse(gate.sinceLastLook(OptionalInt.of(102)));
    }

    @Test
    void whereTheLastPidCannotBeReadEveryLookIsMade() {
        for (int look = 0; look < 3; look++) {
            assertTrue(gate.sinceLastLook(OptionalInt.empty()));
        }
    }
}
