package dev.tether.killer.it;

import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.testing.ChildOwner;
import dev.tether.killer.testing.Os;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's jar is overwritten while a build runs (a SNAPSHOT installed into ~/.m2 by a second build, an IDE
 * reloading its plugins). Whichever side is left to stop the trees, the owner or the supervisor, must not need
 * to read that jar again: the classes it stops with are loaded before they are needed. Seen once for real: a
 * supervisor failed every stop with NoClassDefFoundError and a daemon outlived its build.
 */
@EnabledOnOs(OS.LINUX)
class ReplacedJarIT {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    /**
     * The owner would dump a class-data archive from the jar in the background, and a dump JVM reading a jar
     * overwritten under it spins until its time limit (30 s): a process this suite would leave running.
     */
    private static final List<String> NO_ARCHIVE = List.of("-Dtether.supervisor.archive=off");

    @Test
    void theSupervisorStopsEveryTreeAfterItsJarWasOverwritten(
            @TempDir Path dir, @TempDir Path ledgers, @TempDir Path lib) throws Exception {
        try (ChildOwner owner = new ChildOwner(dir, ledgers, classPathWithEngineJar(lib), NO_ARCHIVE)) {
            awaitSupervisorPreload(owner.supervisorPid);
            overwriteInPlace(lib.resolve("tether-killer.jar"));

            owner.jvm.destroyForcibly(); // the supervisor sees its pipe close and stops every tree

            Os.awaitAllDead(owner.fixtures, LIMIT);
            Os.awaitAllDead(List.of(Os.idOf(owner.supervisorPid)), LIMIT);
        }
    }

    @Test
    void theOwnerStopsEveryTreeAfterItsJarWasOverwrittenAndTheSupervisorDied(
            @TempDir Path dir, @TempDir Path ledgers, @TempDir Path lib) throws Exception {
        try (ChildOwner owner = new ChildOwner(dir, ledgers, classPathWithEngineJar(lib), NO_ARCHIVE)) {
            awaitSupervisorPreload(owner.supervisorPid); // the owner's own preload ended before READY
            owner.awaitEverythingInLedger(ledgers); // the owner can find the scrubbed daemon only there
            overwriteInPlace(lib.resolve("tether-killer.jar"));

            // the owner's reader sees the pipe close and stops the trees itself (OrphanedTrees)
            ProcessHandle.of(owner.supervisorPid).orElseThrow().destroyForcibly();

            Os.awaitAllDead(owner.fixtures, LIMIT);
        }
    }

    /** The supervisor's log (its stderr, found through /proc) says when its classes are loaded. */
    private static void awaitSupervisorPreload(int supervisorPid) throws IOException {
        Path log = Files.readSymbolicLink(Paths.get("/proc", Integer.toString(supervisorPid), "fd", "2"));
        Os.await("the supervisor's preloading, in " + log, LIMIT, () -> {
            try {
                return Files.readString(log).contains("classes loaded ahead of need");
            } catch (IOException e) {
                return false;
            }
        });
    }

    /**
     * This JVM's class path with the engine replaced by a copy in {@code lib} that the test may damage: a jar, as
     * on the real user path (Maven and Surefire load the engine from one).
     */
    private static String classPathWithEngineJar(Path lib) throws IOException {
        Path engineClasses = Os.classPathEntryOf(ProcessSupervisor.class);
        Path jar = lib.resolve("tether-killer.jar");
        if (Files.isRegularFile(engineClasses)) {
            Files.copy(engineClasses, jar); // failsafe runs against the module's own jar
        } else {
            writeJar(engineClasses, jar);
        }
        return Stream.concat(
                        Stream.of(jar.toString()),
                        Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                                .filter(entry -> !Paths.get(entry).equals(engineClasses)))
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private static void writeJar(Path engineClasses, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(engineClasses)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                out.putNextEntry(new JarEntry(engineClasses.relativize(file).toString()));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    /** Same inode, same size, other bytes: what an in-place copy over a jar leaves to a JVM reading it. */
    private static void overwriteInPlace(Path jar) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(jar.toFile(), "rw")) {
            byte[] junk = new byte[(int) file.length()];
            Arrays.fill(junk, (byte) 'x');
            file.seek(0);
            file.write(junk);
        }
    }
}
