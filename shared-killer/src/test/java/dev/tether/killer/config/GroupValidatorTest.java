package dev.tether.killer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.InvalidSpecException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A group is checked as a whole before anything starts: ids, needs, ports, placeholders. */
class GroupValidatorTest {
    private static FixtureSpec spec(String id, String... needs) {
        return FixtureSpec.of(id, "true").withNeeds(needs);
    }

    private static List<List<String>> waves(FixtureSpec... specs) {
        return GroupValidator.waves(List.of(specs), Wording.ENGINE).stream()
                .map(wave -> wave.stream().map(FixtureSpec::id).sorted().toList())
                .toList();
    }

    private static String failure(FixtureSpec... specs) {
        return assertThrows(InvalidSpecException.class, () -> GroupValidator.waves(List.of(specs), Wording.ENGINE))
                .getMessage();
    }

    @Test
    void independentFixturesShareAWaveAndDependentsComeAfterWhatTheyNeed() {
        assertEquals(
                List.of(List.of("cache", "db"), List.of("api"), List.of("web")),
                waves(spec("web", "api"), spec("api", "db", "cache"), spec("db"), spec("cache")));
    }

    @Test
    void duplicateIdsAreNamed() {
        String message = failure(spec("web"), spec("web"));
        assertTrue(message.contains("'web'"), message);
    }

    @Test
    void anUnknownNeedNamesItAndTheKnownIds() {
        String message = failure(spec("api", "dbb"), spec("db"));
        assertTrue(message.contains("'dbb'") && message.contains("db"), message);
    }

    @Test
    void aCycleIsShownAsAPath() {
        String message = failure(spec("a", "b"), spec("b", "a"));
        assertTrue(
                message.contains("cycle") && (message.contains("a -> b -> a") || message.contains("b -> a -> b")),
                message);
    }

    @Test
    void aPlaceholderOfAnUndeclaredPortFailsBeforeAnythingStarts() {
        String message = failure(FixtureSpec.of("web", List.of("serve", "--port=${tether.port.wbe}")));
        assertTrue(message.contains("wbe"), message);
    }
}
