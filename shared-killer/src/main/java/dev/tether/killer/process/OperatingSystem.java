package dev.tether.killer.process;

import java.util.Locale;

/** The operating-system families Tether tells apart. Pure Java: safe to use in the owner JVM. */
public enum OperatingSystem {
    LINUX,
    MAC,
    WINDOWS,
    /** Another POSIX system (FreeBSD, Solaris, ...). */
    OTHER;

    private static final OperatingSystem CURRENT = detect(System.getProperty("os.name", ""));

    public static OperatingSystem current() {
        return CURRENT;
    }

    static OperatingSystem detect(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.contains("linux")) {
            return LINUX;
        }
        if (name.contains("mac") || name.contains("darwin")) {
            return MAC;
        }
        if (name.startsWith("windows")) {
            return WINDOWS;
        }
        return OTHER;
    }

    public boolean isPosix() {
        return this != WINDOWS;
    }

    /** The name users know the OS by, for messages. */
    public String displayName() {
        return switch (this) {
            case LINUX -> "Linux";
            case MAC -> "macOS";
            case WINDOWS -> "Windows";
            case OTHER -> System.getProperty("os.name", "this OS");
        };
    }
}
