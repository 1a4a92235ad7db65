package dev.tether.killer.platform;

import dev.tether.killer.TetherException;
import dev.tether.killer.internal.posix.NativePosix;
import dev.tether.killer.process.LinuxProcInspector;
import dev.tether.killer.process.OperatingSystem;
import dev.tether.killer.process.ProcessInspector;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How the engine reaches the OS in this JVM. Each backend says which evidence of a tree it offers; the
 * supervisor, the port owner check and the doctor ask here instead of guessing from the OS name, so a forced
 * backend ({@code TETHER_BACKEND=portable} on Linux) takes exactly the paths a Mac takes.
 */
public enum Backend {
    /** /proc, the child subreaper, cgroups v2 where writable, environment cookies, port owners from /proc/net. */
    LINUX("linux", true),
    /**
     * What every POSIX system offers: the table from the JDK's ProcessHandle, groups through getpgid, trees by
     * process group and remembered ancestry, owner death by the supervisor's stdin EOF. No subreaper, no cgroups,
     * no environment of another process, no port owner check.
     */
    PORTABLE("portable", false),
    /**
     * The portable backend plus macOS's own evidence: the table from one sysctl, environment cookies through
     * KERN_PROCARGS2, fork and exit events from kqueue, each orphan's forking parent through its unique id.
     */
    MACOS("macos", false),
    /** Recognised so it can be refused with a clear message: Job Objects are not built yet. */
    WINDOWS("windows", false);

    /** The environment variable that forces a backend, in the owner and (passed on) in the supervisor. */
    public static final String VARIABLE = "TETHER_BACKEND";
    /** The owner JVM's system property that forces a backend; it wins over the environment variable. */
    public static final String PROPERTY = "tether.backend";

    private static volatile Backend current;

    private final String wireName;
    private final boolean procFilesystem;

    Backend(String wireName, boolean procFilesystem) {
        this.wireName = wireName;
        this.procFilesystem = procFilesystem;
    }

    /**
     * The backend of this JVM, chosen once.
     *
     * @throws TetherException if {@code tether.backend} or {@code TETHER_BACKEND} names no backend, or one that
     *     cannot run on this OS
     */
    public static Backend current() {
        Backend chosen = current;
        if (chosen == null) {
            chosen = choose(
                    Optional.ofNullable(System.getProperty(PROPERTY)).map(name -> "-D" + PROPERTY + "=" + name),
                    Optional.ofNullable(System.getenv(VARIABLE)).map(name -> VARIABLE + "=" + name),
                    OperatingSystem.current());
            current = chosen;
        }
        return chosen;
    }

    /**
     * The forced backend (the property's setting first, then the variable's, each written {@code source=name})
     * or the OS's own.
     */
    static Backend choose(Optional<String> property, Optional<String> variable, OperatingSystem os) {
        Optional<String> setting = property.filter(s -> !settingValue(s).isBlank())
                .or(() -> variable)
                .filter(s -> !settingValue(s).isBlank());
        if (setting.isEmpty()) {
            return ownOf(os);
        }
        String name = settingValue(setting.get()).trim().toLowerCase(Locale.ROOT);
        Backend forced = Arrays.stream(values())
                .filter(b -> b.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new TetherException(PlatformMessages.unknownBackend(setting.get(), names())));
        if (!forced.runsOn(os)) {
            throw new TetherException(
                    PlatformMessages.notForThisOs(setting.get(), os.displayName(), ownOf(os).wireName));
        }
        return forced;
    }

    private static String settingValue(String setting) {
        return setting.substring(setting.indexOf('=') + 1);
    }

    static Backend ownOf(OperatingSystem os) {
        return switch (os) {
            case LINUX -> LINUX;
            case MAC -> MACOS;
            case WINDOWS -> WINDOWS;
            case OTHER -> PORTABLE;
        };
    }

    /** Portable runs on every POSIX system; each other backend only on its own OS. */
    boolean runsOn(OperatingSystem os) {
        return this == PORTABLE ? os.isPosix() : this == ownOf(os);
    }

    static List<String> names() {
        return Arrays.stream(values()).map(b -> b.wireName).toList();
    }

    /** The name {@code TETHER_BACKEND} takes, and the supervisor is started with. */
    public String wireName() {
        return wireName;
    }

    /**
     * Whether the engine can run fixtures here at all.
     *
     * @throws TetherException on Windows, before anything starts, saying what to use instead
     */
    public Backend requireRunnable() {
        if (this == WINDOWS) {
            throw new TetherException(PlatformMessages.windowsNotBuilt(System.getProperty("os.name", "Windows")));
        }
        return this;
    }

    /**
     * The kernel's fork and exit events for watched processes, delivered to {@code onEvent}; empty where the
     * backend has none (Linux does not need them, portable has no way to get them).
     */
    public Optional<ProcessEvents> processEvents(Runnable onEvent) {
        return this == MACOS ? MacProcessEvents.start(onEvent) : Optional.empty();
    }

    /** Never-reused process ids with the forking parent's (macOS); empty where the backend has none. */
    public Optional<UniqueIds> uniqueIds() {
        return this == MACOS ? MacUniqueIds.load() : Optional.empty();
    }

    /** Orphans re-parent to the supervisor ({@code PR_SET_CHILD_SUBREAPER}): every escapee stays findable. */
    public boolean hasSubreaper() {
        return this == LINUX;
    }

    /** A fresh cgroup per fixture can be tried (used where the hierarchy is writable). */
    public boolean mayUseCgroups() {
        return this == LINUX;
    }

    /** The environment of another process (the fixture's cookie) and the owners of listening sockets. */
    public boolean readsProcFilesystem() {
        return procFilesystem;
    }

    /** Whether other processes' environments (the fixture's cookie) can be read: /proc, or sysctl on macOS. */
    public boolean readsEnvironments() {
        return procFilesystem || this == MACOS;
    }

    /** The process table this backend reads. */
    public ProcessInspector inspector() {
        requireRunnable();
        if (procFilesystem) {
            return new LinuxProcInspector();
        }
        ProcessInspector portable = new PortableProcessInspector(NativePosix::get);
        return this == MACOS ? new MacProcessInspector(portable) : portable;
    }
}
