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
        while (Files.exists(stat) && !Files.readString(stat).substring(Files.readString(stat).lastIndexOf(')') + 2).startsWith("Z")) {
            Thread.sleep(1);
        }
    }
}
