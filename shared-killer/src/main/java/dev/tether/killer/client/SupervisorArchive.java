package dev.tether.killer.client;

import dev.tether.killer.protocol.Codec;
import dev.tether.killer.state.StateDirectory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The supervisor's class-data-sharing archive: a static archive of exactly the classes a supervisor loads, JDK
 * and engine and JNA alike, dumped from the class list of a warm-up run.
 *
 * <p>Why static, not the dynamic archive ({@code -XX:ArchiveClassesAtExit}) layered on the JDK's own: the JDK's
 * archive holds ~1,300 classes the supervisor never loads, and both archives are mapped at a random address and
 * patched, which makes every page of them private memory. With one archive of what is used, the idle supervisor
 * measured 40.3 MB resident against 43.4 MB (the same start, 3 x 3 starts), and a start as fast (median of 40
 * interleaved starts 114 against 111 ms, within this machine's spread).
 */
final class SupervisorArchive {
    /** {@code -Dtether.supervisor.archive=off}: no archive is dumped or used (a JVM that cannot dump one). */
    static final String SWITCH_PROPERTY = "tether.supervisor.archive";

    private static final long DUMP_TIMEOUT_SECONDS = 30;
    /**
     * util-linux's {@code setpriv --pdeathsig KILL} (2.33+): the dump JVM is killed when the thread that started it
     * ends, so a dump never outlives its owner JVM. Without it, a dump left running by a killed owner is an orphan
     * no fixture made, which the portable backend cannot attribute and reports (seen in CI: a Surefire fork killed
     * while it dumped). And a dump can hang: one reading a jar overwritten in place under it spun at 100% CPU.
     */
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    /** Where there is no setpriv: coreutils' or busybox's {@code timeout} at least ends a dump that hangs. */
    private static final List<Path> TIMEOUT_COMMANDS = List.of(Path.of("/usr/bin/timeout"), Path.of("/bin/timeout"));

    /** The wrapper this machine offers, found once: a probe costs a process start. */
    private static volatile List<String> lifeLimit;

    private final StateDirectory stateDirectory;
    private final List<String> classpath;

    SupervisorArchive(StateDirectory stateDirectory, List<String> classpath) {
        this.stateDirectory = stateDirectory;
        this.classpath = classpath;
    }

    /** One archive per class path and JDK: a different jar or JVM needs a different archive. */
    Path path() {
        StringBuilder key = new StringBuilder(
                "static|" + System.getProperty("java.home") + "|" + System.getProperty("java.vm.version"));
        for (String entry : classpath) {
            Path jar = Path.of(entry);
            try {
                key.append('|')
                        .append(entry)
                        .append(':')
                        .append(Files.size(jar))
                        .append(':')
                        .append(Files.getLastModifiedTime(jar).toMillis());
            } catch (IOException e) {
                key.append('|').append(entry);
            }
        }
        return stateDirectory
                .subdirectory("cds")
                .path()
                .resolve("supervisor-" + sha1(key.toString()).substring(0, 16) + ".jsa");
    }

    /**
     * Dumps the archive in two short JVMs: a warm-up run that writes the classes it loads, then the dump of those.
     * Both write only into the verified private state directory, under names of this process, and the archive
     * appears under its real name only when complete.
     *
     * @param target the archive, as {@link #path()} named it
     * @param jvm the java command and the supervisor's own options (the archive is only used by a JVM whose
     *     options agree with the dump's)
     * @return whether the archive exists now
     */
    boolean dump(Path target, List<String> jvm, String warmUpClass) throws InterruptedException {
        String partialName =
                target.getFileName() + "." + ProcessHandle.current().pid();
        Path classList = target.resolveSibling(partialName + ".classlist");
        Path partial = target.resolveSibling(partialName + ".tmp");
        try {
            List<String> warmUp = new ArrayList<>(jvm);
            warmUp.add("-XX:DumpLoadedClassList=" + classList);
            warmUp.add("-cp");
            warmUp.add(String.join(File.pathSeparator, classpath));
            warmUp.add(warmUpClass);
            warmUp.add("--warm-up");
            List<String> dump = new ArrayList<>(jvm);
            dump.add("-Xshare:dump");
            dump.add("-XX:SharedClassListFile=" + classList);
            dump.add("-XX:SharedArchiveFile=" + partial);
            dump.add("-cp");
            dump.add(String.join(File.pathSeparator, classpath));
            if (runs(warmUp) && runs(dump) && Files.size(partial) > 0) {
                publish(partial, target);
            }
        } catch (IOException e) {
            // a cache: the supervisor starts without it
        } finally {
            deleteQuietly(classList);
            deleteQuietly(partial);
        }
        return Files.exists(target);
    }

    /**
     * Gives the complete archive its real name. A link, not a rename: it fails if another JVM's dump appeared
     * meanwhile (same jar, same options, so it serves as well) instead of replacing a file a supervisor may have
     * mapped already. A rename only where the file system has no links.
     */
    private static void publish(Path partial, Path target) throws IOException {
        try {
            Files.createLink(target, partial);
        } catch (FileAlreadyExistsException e) {
            // the other dump's archive stays
        } catch (UnsupportedOperationException | IOException e) {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Whether archives are wanted: {@code -Dtether.supervisor.archive=off} says no. */
    static boolean enabled() {
        return !"off".equals(System.getProperty(SWITCH_PROPERTY, "on"));
    }

    private static boolean runs(List<String> java) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(lifeLimit());
        command.addAll(java);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put(Codec.SUPERVISOR_VARIABLE, "warm-up");
        Process process = builder.start();
        if (process.waitFor(DUMP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            return process.exitValue() == 0;
        }
        process.destroyForcibly();
        return false;
    }

    /** The command prefix that keeps a dump from outliving its owner, or from hanging, on this machine. */
    static List<String> lifeLimit() throws InterruptedException {
        List<String> known = lifeLimit;
        if (known == null) {
            known = findLifeLimit();
            lifeLimit = known;
        }
        return known;
    }

    private static List<String> findLifeLimit() throws InterruptedException {
        List<String> pdeathsig = List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--");
        if (Files.isExecutable(SETPRIV)) {
            List<String> probe = new ArrayList<>(pdeathsig);
            probe.add("true");
            try {
                Process process = new ProcessBuilder(probe)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (process.waitFor(DUMP_TIMEOUT_SECONDS, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return pdeathsig; // util-linux before 2.33 refuses the option
                }
                process.destroyForcibly();
            } catch (IOException e) {
                // not runnable here: the next wrapper
            }
        }
        return TIMEOUT_COMMANDS.stream()
                .filter(Files::isExecutable)
                .findFirst()
                .map(timeout -> List.of(timeout.toString(), "-s", "KILL", DUMP_TIMEOUT_SECONDS + "s"))
                .orElse(List.of());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left for the next dump to overwrite; the pruner removes what is never used
        }
    }

    static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
