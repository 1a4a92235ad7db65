package dev.tether.killer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.InvalidSpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentFileTest {
    private static final String WHERE = "<process> 'web' <environmentFile>";

    @TempDir
    Path dir;

    @Test
    void readsTheDotEnvForms() throws IOException {
        Path file = write("""
                # database
                DATABASE_URL=postgres://localhost:5432/test

                export PROFILE = test
                SINGLE='literal \\n $HOME # not a comment'
                DOUBLE="line one\\nsay \\"hi\\""
                PLAIN=value # a comment
                EMPTY=
                WITH_EQUALS=a=b
                """);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("DATABASE_URL", "postgres://localhost:5432/test");
        expected.put("PROFILE", "test");
        expected.put("SINGLE", "literal \\n $HOME # not a comment");
        expected.put("DOUBLE", "line one\nsay \"hi\"");
        expected.put("PLAIN", "value");
        expected.put("EMPTY", "");
        expected.put("WITH_EQUALS", "a=b");
        assertEquals(expected, EnvironmentFile.read(file, WHERE));
    }

    @Test
    void entriesGivenOneByOneWinOverTheFile() throws IOException {
        Path file = write("A=from-file\nB=from-file\n");
        assertEquals(
                Map.of("A", "from-file", "B", "from-entry", "C", "only-entry"),
                EnvironmentFile.merge(file, Map.of("B", "from-entry", "C", "only-entry"), WHERE));
        assertEquals(Map.of("C", "x"), EnvironmentFile.merge(null, Map.of("C", "x"), WHERE));
    }

    @Test
    void mistakesNameTheFileTheLineAndTheFix() throws IOException {
        assertMistake("A=1\nno equals here\n", "line 2 'no equals here' is not KEY=VALUE");
        assertMistake("1ABC=x\n", "'1ABC' is not a variable name");
        assertMistake("A='open\n", "the single quote is not closed");
        assertMistake("A=\"open\n", "the double quote is not closed");
        assertMistake("A=\"x\" y\n", "text after the closing double quote");
        InvalidSpecException missing =
                assertThrows(InvalidSpecException.class, () -> EnvironmentFile.read(dir.resolve("missing.env"), WHERE));
        assertTrue(missing.getMessage().startsWith(WHERE + ": the environment file "), missing.getMessage());
        assertTrue(missing.getMessage().contains("missing.env does not exist"), missing.getMessage());
    }

    private void assertMistake(String content, String expected) throws IOException {
        Path file = write(content);
        InvalidSpecException error = assertThrows(InvalidSpecException.class, () -> EnvironmentFile.read(file, WHERE));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
        assertTrue(error.getMessage().contains(file.toString()), "names the file: " + error.getMessage());
    }

    private Path write(String content) throws IOException {
        Path file = Files.createTempFile(dir, "test", ".env");
        Files.writeString(file, content);
        return file;
    }
}
