package dev.tether.killer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.testing.OldLibcDriver;
import dev.tether.killer.testing.Os;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A real run on glibc 2.31, the C library of Debian 11 and Ubuntu 20.04 (RHEL 8 has 2.28): no
 * posix_spawn_file_actions_addclosefrom_np, so the supervisor must find that out by itself and close inherited
 * descriptors one by one. The engine runs in a Debian 11 root built with debootstrap (cached in
 * {@link #ROOT}, about 200 MB, a few minutes the first time), with that system's own Java 17 and C library.
 * Skipped where the root cannot be built (not root, no debootstrap, no Debian mirror): that is the machine,
 * not the product. CI installs debootstrap.
 */
@EnabledOnOs(OS.LINUX)
class OldGlibcIT {
    static final Path ROOT = Paths.get("/var/tmp/tether-debian11");
    private static final String JAVA = "/usr/lib/jvm/java-17-openjdk-amd64/bin/java";

    @Test
    void theEngineSpawnsAndReapsOnGlibc231() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for debootstrap and chroot");
        assumeTrue(Files.isExecutable(Paths.get("/usr/sbin/debootstrap")), "needs debootstrap");
        buildRootIfMissing();
        Path lib = Files.createDirectories(ROOT.resolve("opt/tether"));
        String classPath = copyClassPath(lib);

        boolean mounted = run(List.of("mountpoint", "-q", ROOT.resolve("proc").toString()), 10)
                        .exitCode()
                == 0;
        if (!mounted) {
            assertEquals(
                    0,
                    run(
                                    List.of(
                                            "mount",
                                            "-t",
                                            "proc",
                                            "proc",
                                            ROOT.resolve("proc").toString()),
                                    10)
                            .exitCode());
        }
        try {
            Os.Result result = run(
                    List.of(
                            "chroot",
                            ROOT.toString(),
                            "env",
                            "-i",
                            "PATH=/usr/bin:/bin",
                            Os.TEST_MARKER + "=old-glibc",
                            JAVA,
                            "-cp",
                            classPath,
                            OldLibcDriver.class.getName()),
                    180);
            String out = result.output();
            assertEquals(0, result.exitCode(), out);
            assertTrue(out.contains("spawn path: glibc 2.31, posix_spawn with one addclose per open descriptor"), out);
            assertTrue(out.contains("working directory: right"), out);
            assertTrue(out.contains("inherited descriptors: none of the supervisor's"), out);
            assertTrue(out.contains("web: 1 process ended") && out.contains("chain: 3 processes ended"), out);
            assertTrue(out.contains("clean=true"), out);
        } finally {
            if (!mounted) {
                run(List.of("umount", ROOT.resolve("proc").toString()), 30);
            }
        }
    }

    private static void buildRootIfMissing() throws Exception {
        if (Files.isExecutable(ROOT.resolve(JAVA.substring(1)))) {
            return;
        }
        Os.Result built = run(
                List.of(
                        "/usr/sbin/debootstrap",
                        "--variant=minbase",
                        "--include=openjdk-17-jre-headless,python3",
                        "bullseye",
                        ROOT.toString(),
                        "http://deb.debian.org/debian"),
                1200);
        String tail = built.output().length() > 2000
                ? built.output().substring(built.output().length() - 2000)
                : built.output();
        assumeTrue(
                built.exitCode() == 0 && Files.isExecutable(ROOT.resolve(JAVA.substring(1))),
                "could not build a Debian 11 root: " + tail);
    }

    /** The engine, its runtime libraries and the driver, as this JVM loads them, copied into the root. */
    private static String copyClassPath(Path lib) throws IOException {
        List<String> inside = new ArrayList<>();
        Path engine = Os.classPathEntryOf(ProcessSupervisor.class);
        Path driver = Os.classPathEntryOf(OldLibcDriver.class);
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Paths.get(entry);
            String name = path.getFileName().toString();
            boolean runtime = name.startsWith("jna-"); // the engine's only dependency
            if (path.equals(engine) || path.equals(driver) || runtime) {
                Path target = lib.resolve(Files.isDirectory(path) ? "dir-" + inside.size() : name);
                copy(path, target);
                inside.add("/" + ROOT.relativize(target));
            }
        }
        return String.join(File.pathSeparator, inside);
    }

    private static void copy(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (var files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static Os.Result run(List<String> command, int timeoutSeconds) throws Exception {
        return Os.run(command, Duration.ofSeconds(timeoutSeconds), "old-glibc");
    }
}
