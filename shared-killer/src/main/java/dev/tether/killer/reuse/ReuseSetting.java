package dev.tether.killer.reuse;

import dev.tether.killer.InvalidSpecException;
import java.util.Optional;

/**
 * Whether reuse is on: asked for by the user ({@code tether.reuse=true}), and not on CI. A CI run must test
 * what it starts, never a developer's long-running server, so the environment variable {@code CI} (set by
 * GitHub Actions, GitLab, Jenkins' plugins, most others) turns it off, with one warning line.
 *
 * @param warning the line to print once when reuse was asked for but is off
 */
public record ReuseSetting(boolean on, Optional<String> warning) {
    public static final String PROPERTY = "tether.reuse";
    public static final String RECORD_FILE = "run.state";

    /**
     * @param asked the user's {@code tether.reuse} value
     * @param ci the environment variable {@code CI}, null when unset; empty and {@code false} count as unset
     */
    public static ReuseSetting of(boolean asked, String ci) {
        boolean onCi = ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
        if (asked && onCi) {
            return new ReuseSetting(false, Optional.of(ReuseMessages.offOnCi(ci)));
        }
        return new ReuseSetting(asked, Optional.empty());
    }

    /** For this JVM's environment. */
    public static ReuseSetting of(boolean asked) {
        return of(asked, System.getenv("CI"));
    }

    /**
     * The user's {@code tether.reuse} text: {@code true} or {@code false} (any case, blank or null is false).
     *
     * @throws InvalidSpecException for anything else, so a typo does not silently start everything
     */
    public static boolean asked(String value) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("false")) {
            return false;
        }
        if (value.strip().equalsIgnoreCase("true")) {
            return true;
        }
        throw new InvalidSpecException(ReuseMessages.notABoolean(value));
    }
}
