package dev.tether.killer.client;

import dev.tether.killer.process.OperatingSystem;
import dev.tether.killer.state.StateDirectory;
import dev.tether.killer.state.StatePruner;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Makes the supervisor JVM start fast. Loading JNA is the largest part of its start-up (measured: ~40 ms of
 * ~110 ms, beside a JVM's own ~45 ms to reach {@code main}), so:
 * <ul>
 *   <li>JNA's native library is extracted once per JNA jar into the verified private state directory (never a
 *       shared or predictable path another user could plant a library in), instead of by every supervisor into
 *       a fresh temp file;
 *   <li>when the supervisor's class path is all jars (as for every user of the plugin or extension), a
 *       class-data-sharing archive of its classes ({@link SupervisorArchive}) is dumped once, in the background,
 *       and used from then on.
 * </ul>
 * Both are caches: when anything about them fails, the supervisor simply starts the slow way.
 */
final class SupervisorStartup {
    private final StateDirectory stateDirectory;
    private final List<String> classpath;
    private final SupervisorArchive archive;
    /** Computed once: the supervisor's launch and, when the archive is missing, its dump use the same options. */
    private List<String> options;
    /** The archive this launch wanted but did not find: the one to dump. */
    private Optional<Path> missingArchive = Optional.empty();

    SupervisorStartup(StateDirectory stateDirectory, List<String> classpath) {
        this.stateDirectory = stateDirectory;
        this.classpath = classpath;
        this.archive = new SupervisorArchive(stateDirectory, classpath);
    }

    /** JVM options that use the caches that exist now. */
    List<String> jvmOptions() {
        if (options == null) {
            options = List.copyOf(currentOptions());
        }
        return options;
    }

    private List<String> currentOptions() {
        List<String> chosen = new ArrayList<>();
        if (OperatingSystem.current() == OperatingSystem.LINUX) {
            // Without it, JNA's first use runs `/sbin/ldconfig -p` to list library directories: a process spawn
            // on the supervisor's start-up path (10-20 ms of ~120 here). The C library, the one library it loads,
            // is found by its own name (libc.so.6); these are the directories JNA searches besides ldconfig's.
            chosen.add("-Djna.platform.library.path=" + String.join(File.pathSeparator, linuxLibraryDirectories()));
        }
        extractJnaDispatch().ifPresent(dir -> {
            chosen.add("-Djna.boot.library.path=" + dir);
            chosen.add("-Djna.nounpack=true");
        });
        if (SupervisorArchive.enabled() && allJars()) {
            Path archiveFile = archive.path();
            if (Files.isReadable(archiveFile)) {
                StatePruner.markUsed(archiveFile);
                chosen.add("-XX:SharedArchiveFile=" + archiveFile);
                chosen.add("-Xshare:auto"); // a stale or foreign archive is ignored, never fatal
            } else {
                missingArchive = Optional.of(archiveFile);
            }
        }
        return chosen;
    }

    /** The archive the options wanted but did not find (the options are computed first if they were not). */
    private Optional<Path> missingArchive() {
        jvmOptions();
        return missingArchive;
    }

    /**
     * Dumps the class-data archive in short JVMs of their own if it is missing, without delaying anyone: the
     * supervisor that is starting now does not wait for it. The dump takes about a second.
     */
    void prepareArchiveInBackground(List<String> javaCommand, List<String> baseOptions, String warmUpClass) {
        Optional<Path> missing = missingArchive();
        if (missing.isEmpty()) {
            return;
        }
        Path target = missing.get();
        List<String> jvm = new ArrayList<>(javaCommand);
        jvm.addAll(baseOptions);
        jvm.addAll(jvmOptions());
        Thread thread = new Thread(
                () -> {
                    try {
                        archive.dump(target, jvm, warmUpClass);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "tether-cds-dump");
        thread.setDaemon(true);
        thread.start();
    }

    /** Removes, in the background, what earlier runs left: see {@link StatePruner}. */
    void pruneUnusedInBackground() {
        Thread thread = new Thread(
                () -> StatePruner.forThisMachine(stateDirectory.path()).prune(Instant.now()), "tether-state-prune");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The library depends only on the JNA release: its jar's name (which carries the version) and size. Keyed
     * by the whole class path, every project, test directory and SNAPSHOT got a copy of its own.
     */
    private String jnaJarIdentity() {
        String jna = classpath.get(classpath.size() - 1);
        try {
            return Path.of(jna).getFileName() + ":" + Files.size(Path.of(jna));
        } catch (IOException | RuntimeException e) {
            return jna;
        }
    }

    private boolean allJars() {
        return classpath.stream().allMatch(entry -> entry.endsWith(".jar"));
    }

    private Optional<Path> extractJnaDispatch() {
        String prefix = jnaResourcePrefix();
        String library = System.mapLibraryName("jnidispatch").replace(".dylib", ".jnilib");
        String resource = "com/sun/jna/" + prefix + "/" + library;
        // Only ever into the verified private directory: a library another user could plant would run as us.
        Path directory;
        try {
            directory = stateDirectory
                    .subdirectory(
                            "jna-" + SupervisorArchive.sha1(jnaJarIdentity()).substring(0, 12) + "-" + prefix)
                    .path();
        } catch (RuntimeException e) {
            return Optional.empty(); // JNA then extracts into a fresh temp file of its own, as it does by default
        }
        Path target = directory.resolve(library);
        if (Files.isReadable(target)) {
            StatePruner.markUsed(directory);
            return Optional.of(directory);
        }
        try (InputStream in = SupervisorStartup.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            Path partial = Files.createTempFile(directory, library, ".tmp");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(directory);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The multiarch directories (e.g. /usr/lib/x86_64-linux-gnu), then lib64 and lib, as far as they exist. */
    static List<String> linuxLibraryDirectories() {
        List<String> directories = new ArrayList<>();
        for (String root : List.of("/usr/lib", "/lib")) {
            try (Stream<Path> entries = Files.list(Path.of(root))) {
                entries.filter(entry -> entry.getFileName().toString().contains("-linux-"))
                        .filter(Files::isDirectory)
                        .sorted()
                        .forEach(entry -> directories.add(entry.toString()));
            } catch (IOException e) {
                // no such root here
            }
        }
        for (String plain : List.of("/usr/lib64", "/lib64", "/usr/lib", "/lib")) {
            if (Files.isDirectory(Path.of(plain))) {
                directories.add(plain);
            }
        }
        return directories;
    }

    /** JNA's own name for this platform's resource folder, e.g. linux-x86-64 or darwin-aarch64. */
    static String jnaResourcePrefix() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        arch = switch (arch) {
            case "amd64", "x86_64" -> "x86-64";
            case "i386", "i686" -> "x86";
            default -> arch;
        };
        String os = OperatingSystem.current() == OperatingSystem.MAC ? "darwin" : "linux";
        return os + "-" + arch;
    }
}
