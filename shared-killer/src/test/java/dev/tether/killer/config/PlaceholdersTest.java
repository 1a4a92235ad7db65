package dev.tether.killer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.InvalidSpecException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {
    private final Placeholders placeholders = new Placeholders(Map.of("web", 41234, "db", 5432));

    @Test
    void replacesEveryPortPlaceholderInBothSpellings() {
        assertEquals(
                "http://localhost:41234/ db=5432",
                placeholders.resolve("http://localhost:${tether.port.web}/ db=@{tether.port.db}", "the test"));
    }

    @Test
    void leavesOtherTextAndOtherPlaceholdersAlone() {
        assertEquals(
                "${HOME} $x ${project.version}", placeholders.resolve("${HOME} $x ${project.version}", "the test"));
    }

    @Test
    void anUnknownPortNamesThePlaceholderWhereItIsAndTheDeclaredPorts() {
        InvalidSpecException e = assertThrows(
                InvalidSpecException.class, () -> placeholders.resolve("--port=${tether.port.wbe}", "the command"));
        assertTrue(e.getMessage().contains("${tether.port.wbe}"), e.getMessage());
        assertTrue(e.getMessage().contains("the command"), e.getMessage());
    }

    @Test
    void theGroupCheckRejectsAnUndeclaredPortBeforeAnythingStarts() {
        InvalidSpecException e = assertThrows(
                InvalidSpecException.class,
                () -> Placeholders.check("${tether.port.api}", "the command of web", Set.of("web")));
        assertTrue(e.getMessage().contains("'api'"), e.getMessage());
    }
}
