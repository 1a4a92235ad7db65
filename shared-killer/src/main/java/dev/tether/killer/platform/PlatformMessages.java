package dev.tether.killer.platform;

import java.util.List;

/**
 * What is said when the platform backend cannot be chosen or cannot run here. Each message says what happened,
 * the offending value and the fix; the troubleshooting page lists every one (TroubleshootingPageTest).
 */
public final class PlatformMessages {
    private PlatformMessages() {}

    /** {@code setting} as written, e.g. {@code TETHER_BACKEND=protable}. */
    public static String unknownBackend(String setting, List<String> names) {
        return "Unknown Tether backend in " + setting + ". Use one of " + String.join(", ", names)
                + ", or remove the setting to let Tether choose the one for this OS.";
    }

    public static String notForThisOs(String setting, String os, String own) {
        return "The Tether backend in " + setting + " cannot run on " + os + ". Use '" + own
                + "' (this OS's own) or 'portable', or remove the setting.";
    }

    public static String windowsNotBuilt(String osName) {
        return "Tether cannot run fixtures on " + osName + " yet: the Windows backend (Job Objects) is not built,"
                + " and stopping a process tree there needs it. Run the build in WSL 2 or a Linux container, where"
                + " every guarantee holds.";
    }

    /** The supervisor's notice on a backend without a subreaper: what can escape, and where it is explained. */
    /** A backend without subreaper that cannot read the cookie either (portable). */
    public static String noSubreaper(String backend) {
        return "backend '" + backend + "' has no child subreaper and reads no other process's environment: a"
                + " daemon that leaves its process group and whose parent exits before Tether looks again cannot be"
                + " attributed. The Platforms page of the documentation says what holds where.";
    }

    /** A backend without subreaper that reads the cookie (macos). */
    public static String noSubreaperButCookie(String backend) {
        return "backend '" + backend + "' has no child subreaper: a daemon that leaves its process group, clears its"
                + " environment and whose parent exits before Tether looks again cannot be attributed. The Platforms"
                + " page of the documentation says what holds where.";
    }
}
