package dev.tether.killer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowsTextTest {

    @Test
    void plainArgumentsStayPlain() {
        assertEquals(
                "node server.js --port 8080", WindowsText.commandLine(List.of("node", "server.js", "--port", "8080")));
    }

    @Test
    void everyArgumentComesBackAsItWasThroughTheCRuntimesRules() {
        List<List<String>> cases = List.of(
                List.of("C:\\Program Files\\nodejs\\node.exe", "a b", ""),
                List.of("prog", "say \"hi\"", "trailing\\", "C:\\dir with space\\"),
                List.of("prog", "a\\\\\"b", "\\\\server\\share", "tab\there", "\"", "\\"),
                List.of("prog", "--define=x=\"1 2\"", "ends with two\\\\"));
        for (List<String> argv : cases) {
            assertEquals(argv, parse(WindowsText.commandLine(argv)), WindowsText.commandLine(argv));
        }
    }

    @Test
    void theEnvironmentBlockIsSortedWithoutCaseAndEndsWithTwoNuls() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("path", "C:\\bin");
        environment.put("TETHER_FIXTURE", "c00k1e");
        environment.put("Apple", "1");
        assertEquals("Apple=1\0path=C:\\bin\0TETHER_FIXTURE=c00k1e\0\0", WindowsText.environmentBlock(environment));
        assertEquals("\0\0", WindowsText.environmentBlock(Map.of()));
    }

    @Test
    void aNameWindowsCannotHoldIsRefusedWithTheName() {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> WindowsText.environmentBlock(Map.of("A=B", "x")));
        assertEquals(true, refused.getMessage().contains("'A=B'"), refused.getMessage());
    }

    /**
     * CommandLineToArgvW's rules for the arguments (the program name's own rule differs only for quotes and
     * backslashes inside it, which a Windows path cannot hold): written from Microsoft's description of
     * "Parsing C command-line arguments", independently of the quoting under test.
     */
    private static List<String> parse(String line) {
        List<String> argv = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            if (i >= line.length()) {
                break;
            }
            StringBuilder argument = new StringBuilder();
            boolean quoted = false;
            while (i < line.length() && (quoted || (line.charAt(i) != ' ' && line.charAt(i) != '\t'))) {
                int backslashes = 0;
                while (i < line.length() && line.charAt(i) == '\\') {
                    backslashes++;
                    i++;
                }
                if (i < line.length() && line.charAt(i) == '"') {
                    argument.append("\\".repeat(backslashes / 2));
                    if (backslashes % 2 == 1) {
                        argument.append('"');
                    } else {
                        quoted = !quoted;
                    }
                    i++;
                } else {
                    argument.append("\\".repeat(backslashes));
                    if (i < line.length() && (quoted || (line.charAt(i) != ' ' && line.charAt(i) != '\t'))) {
                        argument.append(line.charAt(i));
                        i++;
                    }
                }
            }
            argv.add(argument.toString());
        }
        return argv;
    }
}
