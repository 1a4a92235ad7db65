package dev.tether.killer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The environment cookie out of a KERN_PROCARGS2 buffer, as macOS lays it out. */
class DarwinProcArgsTest {
    private static byte[] procargs(int argc, String executable, int padding, String... strings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(4)
                .order(ByteOrder.nativeOrder())
                .putInt(argc)
                .array());
        out.writeBytes((executable + "\0").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[padding]);
        for (String string : strings) {
            out.writeBytes((string + "\0").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void theVariableIsFoundAfterTheArgumentsNotAmongThem() {
        byte[] buffer = procargs(
                3,
                "/usr/local/bin/node",
                5,
                "node",
                "TETHER_FIXTURE=fake-in-argv",
                "server.js",
                "HOME=/Users/a",
                "TETHER_FIXTURE=cookie-1",
                "PATH=/bin");
        assertEquals(
                Optional.of("cookie-1"), DarwinProcArgs.environmentVariable(buffer, buffer.length, "TETHER_FIXTURE"));
        assertEquals(Optional.of("/bin"), DarwinProcArgs.environmentVariable(buffer, buffer.length, "PATH"));
        assertEquals(Optional.empty(), DarwinProcArgs.environmentVariable(buffer, buffer.length, "TETHER"));
    }

    @Test
    void aTruncatedOrEmptyBufferHasNoVariable() {
        byte[] buffer = procargs(1, "/bin/sleep", 3, "sleep", "TETHER_FIXTURE=cookie-2");
        assertEquals(Optional.empty(), DarwinProcArgs.environmentVariable(buffer, 2, "TETHER_FIXTURE"));
        assertEquals(
                Optional.empty(),
                DarwinProcArgs.environmentVariable(buffer, buffer.length - 3, "TETHER_FIXTURE"),
                "a value cut off before its NUL is not read");
        byte[] noEnvironment = procargs(1, "/bin/sleep", 0, "sleep");
        assertEquals(Optional.empty(), DarwinProcArgs.environmentVariable(noEnvironment, noEnvironment.length, "PATH"));
    }
}
