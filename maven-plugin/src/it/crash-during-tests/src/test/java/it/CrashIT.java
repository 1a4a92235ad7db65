package it;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CrashIT {
    /** Makes the server die, and waits until it is gone (a test that then talked to it would fail). */
    @Test
    void theServerDiesDuringTheTest() throws Exception {
        String pid = Files.readString(Path.of("target/flaky.pid")).trim();
        Files.writeString(Path.of("target/crash-now"), "now");
        Path stat = Path.of("/proc", pid, "stat");
        while (alive(stat)) {
            Thread.sleep(1);
        }
    }

    /** Running, not a zombie (the state follows the command name in parentheses). */
    private static boolean alive(Path stat) {
        try {
            String text = Files.readString(stat);
            return !text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException gone) {
            return false;
        }
    }
}
