package dev.tether.killer.state;

import com.sun.security.auth.module.UnixSystem;
import dev.tether.killer.SupervisorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.StringTokenizer;

/** This process's uid, found without native code (the owner JVM never loads JNA). */
public final class CurrentUser {
    private static volatile Integer uid;

    private CurrentUser() {}

    public static int uid() {
        Integer known = uid;
        if (known == null) {
            known = read();
            uid = known;
        }
        return known;
    }

    /** {@code Uid:\treal\teffective\tsaved\tfs}: the second number, parsed without regex (start-up cost). */
    static int effectiveUid(String line) {
        StringTokenizer fields = new StringTokenizer(line.substring(4));
        fields.nextToken(); // the real uid
        return Integer.parseInt(fields.nextToken());
    }

    private static int read() {
        // Linux: one small read, no native library (UnixSystem loads libjaas, which costs the supervisor's start)
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return effectiveUid(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask the JDK
        }
        try {
            return (int) new UnixSystem().getUid();
        } catch (LinkageError | RuntimeException e) {
            // a runtime without jdk.security.auth: the owner of a file this process creates is its uid
        }
        Path probe = null;
        try {
            probe = Files.createTempFile("tether-uid", ".probe");
            return (Integer) Files.getAttribute(probe, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            throw new SupervisorException(
                    StateMessages.unknownUser(String.valueOf(e), System.getProperty("java.io.tmpdir")));
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // a zero-byte file in the temp directory
                }
            }
        }
    }
}
