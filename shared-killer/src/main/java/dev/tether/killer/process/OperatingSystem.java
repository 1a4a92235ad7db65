package dev.tether.killer.process;

import java.util.Locale;

/** The operating-system families Tether tells apart. Pure Java: safe to use in the owner JVM. */
public enum OperatingSystem {
    LINUX,
    MAC,
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
        return OTHER;
    }

    public boolean isPosix() {
        return this != OTHER;
    }
}
