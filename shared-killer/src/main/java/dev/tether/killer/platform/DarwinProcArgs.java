package dev.tether.killer.platform;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads the buffer macOS returns for {@code sysctl({CTL_KERN, KERN_PROCARGS2, pid})}: the argument count (a
 * native-endian int), the executable path, NUL padding, the {@code argc} arguments and then the environment,
 * each string NUL-terminated; the environment ends at an empty string or the buffer's end. This is how a
 * process's environment cookie is read on macOS, where there is no /proc/PID/environ.
 */
final class DarwinProcArgs {
    private DarwinProcArgs() {}

    /** The value of {@code name} in the environment recorded in {@code buffer}, if the buffer holds one. */
    static Optional<String> environmentVariable(byte[] buffer, int length, String name) {
        if (length < Integer.BYTES) {
            return Optional.empty();
        }
        int argc = ByteBuffer.wrap(buffer, 0, length)
                .order(ByteOrder.nativeOrder())
                .getInt();
        int at = Integer.BYTES;
        at = skipString(buffer, length, at); // the executable path
        while (at < length && buffer[at] == 0) {
            at++; // its padding
        }
        for (int i = 0; i < argc && at < length; i++) {
            at = skipString(buffer, length, at);
        }
        byte[] prefix = (name + "=").getBytes(StandardCharsets.UTF_8);
        while (at < length && buffer[at] != 0) {
            int end = skipString(buffer, length, at) - 1;
            if (end >= length) {
                return Optional.empty(); // cut off before its NUL: a partial value is no value
            }
            if (startsWith(buffer, at, end, prefix)) {
                return Optional.of(
                        new String(buffer, at + prefix.length, end - at - prefix.length, StandardCharsets.UTF_8));
            }
            at = end + 1;
        }
        return Optional.empty();
    }

    /** The index just past the NUL that ends the string at {@code at} (or {@code length} if none does). */
    private static int skipString(byte[] buffer, int length, int at) {
        while (at < length && buffer[at] != 0) {
            at++;
        }
        return Math.min(at + 1, length + 1);
    }

    private static boolean startsWith(byte[] buffer, int from, int end, byte[] prefix) {
        if (end - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buffer[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
