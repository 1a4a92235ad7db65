package dev.tether.killer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.InvalidSpecException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Command lines are split like a POSIX shell splits words, without running one. */
class CommandLineTest {
    @Test
    void splitsOnWhitespaceOfAnyLength() {
        assertEquals(
                List.of("python3", "-m", "http.server", "8080"),
                CommandLine.split("web", " python3  -m\thttp.server 8080 "));
    }

    @Test
    void singleQuotesKeepEverythingLiterally() {
        assertEquals(
                List.of("sh", "-c", "echo $HOME \"x\" \\n"), CommandLine.split("web", "sh -c 'echo $HOME \"x\" \\n'"));
    }

    @Test
    void doubleQuotesUnescapeOnlyWhatAShellWould() {
        assertEquals(List.of("echo", "a \"b\" \\n $x"), CommandLine.split("web", "echo \"a \\\"b\\\" \\n \\$x\""));
    }

    @Test
    void quotesJoinWithTheWordAroundThem() {
        assertEquals(List.of("--name=two words", ""), CommandLine.split("web", "--name='two words' ''"));
    }

    @Test
    void aBackslashEscapesTheNextCharacterOutsideQuotes() {
        assertEquals(List.of("a b", "c"), CommandLine.split("web", "a\\ b c"));
    }

    @Test
    void anUnclosedQuoteNamesTheFixtureTheQuoteAndTheFix() {
        InvalidSpecException e =
                assertThrows(InvalidSpecException.class, () -> CommandLine.split("web", "sh -c 'echo hi"));
        assertTrue(e.getMessage().contains("'web'"), e.getMessage());
        assertTrue(e.getMessage().contains("unclosed ' quote"), e.getMessage());
        assertTrue(e.getMessage().contains("Close the quote"), e.getMessage());
    }
}
