package dev.tether.killer.internal;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads every class of the engine ahead of need. The classes that stop trees run last, often minutes after the
 * start, and by then the jar they come from may have been overwritten in place (a SNAPSHOT installed into
 * ~/.m2 by another build, an IDE reloading plugins): the JVM then fails with NoClassDefFoundError in the middle
 * of a stop and the trees outlive their owner. Loaded classes no longer need the jar. Loading only (no static
 * initialisers run), on a background thread, so neither start-up nor the first request waits for it.
 */
public final class EngineClasses {
    private static final String ROOT = "dev/tether/killer/";

    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final CountDownLatch DONE = new CountDownLatch(1);

    private EngineClasses() {}

    /**
     * Starts loading on a daemon thread, once per JVM; returns at once. {@code whenDone} hears how many classes
     * were loaded (the supervisor writes it to its log).
     */
    public static void preloadInBackground(IntConsumer whenDone) {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(
                () -> {
                    try {
                        whenDone.accept(loadAll());
                    } finally {
                        DONE.countDown();
                    }
                },
                "tether-preload");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** Whether the background loading finished within {@code limit} (for tests that then damage the jar). */
    public static boolean awaitPreloaded(Duration limit) throws InterruptedException {
        return DONE.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Loads every engine class from wherever this class came from (a jar, or a build's class directory). */
    public static int loadAll() {
        ClassLoader loader = EngineClasses.class.getClassLoader();
        int loaded = 0;
        for (String name : classNames()) {
            try {
                Class.forName(name, false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                // a class that cannot load now would not load later either; the others still count
            }
        }
        return loaded;
    }

    static List<String> classNames() {
        CodeSource source = EngineClasses.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return List.of();
        }
        try {
            Path location = Paths.get(source.getLocation().toURI());
            return Files.isDirectory(location) ? fromDirectory(location) : fromJar(location);
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return List.of(); // nothing to preload from: the classes load as they are needed, as before
        }
    }

    private static List<String> fromJar(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                addIfEngineClass(entries.nextElement().getName(), names);
            }
        }
        return names;
    }

    private static List<String> fromDirectory(Path directory) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            files.filter(Files::isRegularFile)
                    .map(file -> directory.relativize(file).toString().replace(File.separatorChar, '/'))
                    .forEach(entry -> addIfEngineClass(entry, names));
        }
        return names;
    }

    private static void addIfEngineClass(String entry, List<String> names) {
        if (entry.startsWith(ROOT) && entry.endsWith(".class") && !entry.endsWith("-info.class")) {
            names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
        }
    }
}
