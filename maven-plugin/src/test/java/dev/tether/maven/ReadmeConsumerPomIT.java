package dev.tether.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.testing.MarkedBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's complete consumer POM is the invoker build consumer-pom's pom.xml, which every test run builds: a
 * reader who pastes it gets a build that is known to work, with this version of the plugin.
 */
class ReadmeConsumerPomIT {
    private static final String BEGIN = "<!-- consumer-pom: maven-plugin/src/it/consumer-pom/pom.xml -->";
    private static final String END = "<!-- consumer-pom end -->";

    @Test
    void theReadmeShowsThePomThatIsBuilt() throws IOException {
        String block = MarkedBlock.between(Files.readString(Path.of("../README.md")), BEGIN, END, "README.md");
        assertTrue(block.startsWith("```xml\n") && block.endsWith("```"), "a fenced xml block: " + block);
        String shown = block.substring("```xml\n".length(), block.length() - "```".length());
        String built = Files.readString(Path.of("src/it/consumer-pom/pom.xml"));
        assertEquals(built, shown, "README.md's consumer POM differs from src/it/consumer-pom/pom.xml");
        assertTrue(
                built.contains("<version>" + System.getProperty("tether.version") + "</version>"),
                "the consumer POM names this build's version " + System.getProperty("tether.version"));
    }
}
