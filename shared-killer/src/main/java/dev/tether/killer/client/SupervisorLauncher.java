package dev.tether.killer.client;

import dev.tether.killer.SupervisorException;
import dev.tether.killer.internal.EngineClasses;
import dev.tether.killer.platform.Backend;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInspector;
import dev.tether.killer.protocol.Codec;
import dev.tether.killer.state.StateDirectory;
import dev.tether.killer.supervisor.SupervisorMain;
import dev.tether.killer.text.ByteSizes;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Builds and starts the supervisor process: the owner's own {@code java}, small heap, fast-start flags, in a
 * session of its own, with stdin/stdout as the pipe to the owner and stderr to a log file.
 */
final class SupervisorLauncher {
    /** Flags that make a JVM that only waits and signals start in tens of milliseconds and stay small. */
    static final List<String> JVM_FLAGS = List.of(
            "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1",
            "-XX:+UseSerialGC",
            "-Xms4m",
            "-Xmx24m",
            "-Xss256k",
            "-XX:ReservedCodeCacheSize=8m",
            "-XX:MaxMetaspaceSize=32m",
            "-XX:-UsePerfData",
            // An idle supervisor's cost is its wake-ups: without these the JVM's own threads wake five times a
            // second (a safepoint every second, idle-monitor deflation every 250 ms), more than all of ours.
            // Diagnostic flags of JDK 17 to 25; a JVM that no longer knows one ignores it instead of not starting.
            "-XX:+IgnoreUnrecognizedVMOptions",
            "-XX:+UnlockDiagnosticVMOptions",
            "-XX:GuaranteedSafepointInterval=0",
            "-XX:AsyncDeflationInterval=0",
            // stdout is the protocol channel: JVM warnings (e.g. a stale CDS archive) must go to the log
            "-Xlog:disable",
            "-Xlog:all=warning:stderr",
            "-Djava.awt.headless=true",
            // JNA loads its library through System.load, a restricted method: JDK 22+ warns on every start and
            // says it will refuse in a later release unless native access is granted. JDK 17 knows the option.
            "--enable-native-access=ALL-UNNAMED");

    /** Agents and options of the owner (JaCoCo, debuggers) must not be loaded into the supervisor. */
    private static final List<String> OWNER_ONLY_VARIABLES =
            List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    /** {@code -Dtether.spawn=fallback}: spawn the way glibc before 2.34 must (tests of that path, diagnosis). */
    static final String SPAWN_PROPERTY = "tether.spawn";
    /** {@code -Dtether.logLimit=64m}: how large a fixture's log may grow on disk before it is truncated. */
    static final String LOG_LIMIT_PROPERTY = "tether.logLimit";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private SupervisorLauncher() {}

    /**
     * Starts a supervisor and waits for its hello.
     *
     * @throws SupervisorException if the ledger or state directory is not private to this user, or the
     *     supervisor cannot start (the message carries the supervisor's own words)
     */
    static ProcessSupervisor start(Path ledgerDirectory, boolean useCgroups) {
        Backend.current().requireRunnable(); // on Windows, this message before anything else is tried
        StateDirectory state = StateDirectory.forThisUser();
        StateDirectory ledgers = StateDirectory.at(ledgerDirectory); // ledgers are evidence: only from a private place
        Path log = state.file("supervisor-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".log");
        Process process;
        try {
            process = launch(state, ledgers.path(), log, useCgroups);
        } catch (IOException e) {
            throw new SupervisorException(
                    ClientMessages.cannotLaunch(
                            System.getProperty("java.home") + "/bin/java", e.getMessage(), state.path()),
                    e);
        }
        ProcessSupervisor supervisor = new ProcessSupervisor(process, log, ledgers.path());
        try {
            supervisor.awaitHello(STARTUP_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new SupervisorException(ClientMessages.interrupted("the Tether supervisor started"), e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new SupervisorException(
                    ClientMessages.didNotStart(SupervisorLog.rootMessage(e), SupervisorLog.excerpt(process, log)), e);
        }
        // If the supervisor dies, this JVM stops its trees (OrphanedTrees): with classes from a jar that may have
        // been overwritten by then.
        EngineClasses.preloadInBackground(count -> {});
        return supervisor;
    }

    static Process launch(StateDirectory state, Path ledgerDirectory, Path logFile, boolean useCgroups)
            throws IOException {
        List<String> classpath = classpath();
        SupervisorStartup startup = new SupervisorStartup(state, classpath);
        ProcessInspector inspector = Backend.current().inspector();
        long ownerPid = ProcessHandle.current().pid();
        ProcessId owner = inspector.identity((int) ownerPid).orElse(new ProcessId((int) ownerPid, 0));

        List<String> command = new ArrayList<>();
        Path setsid = Paths.get("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            command.add(setsid.toString()); // own session from the first instruction; main() calls setsid() too
        }
        command.add(javaExecutable());
        command.addAll(JVM_FLAGS);
        command.addAll(startup.jvmOptions());
        command.addAll(extraJvmOptions());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add(SupervisorMain.class.getName());
        command.add(owner.toString());
        command.add(ledgerDirectory.toString());

        ProcessBuilder builder =
                new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> environment = builder.environment();
        OWNER_ONLY_VARIABLES.forEach(environment::remove);
        environment.put(Codec.SUPERVISOR_VARIABLE, Long.toString(ownerPid));
        // the supervisor reads the table as this JVM does: start times in one unit, one set of evidence
        environment.put(Backend.VARIABLE, Backend.current().wireName());
        if (!useCgroups) {
            environment.put(SupervisorMain.NO_CGROUPS, "off");
        }
        String logLimit = System.getProperty(LOG_LIMIT_PROPERTY);
        if (logLimit != null) {
            environment.put("TETHER_LOG_LIMIT", Long.toString(ByteSizes.parse(logLimit, "-D" + LOG_LIMIT_PROPERTY)));
        }
        String spawnPath = System.getProperty(SPAWN_PROPERTY);
        if (spawnPath != null) {
            environment.put(SupervisorMain.SPAWN_PATH, spawnPath);
        }
        Process supervisor = builder.start();
        startup.prepareArchiveInBackground(List.of(javaExecutable()), JVM_FLAGS, SupervisorMain.class.getName());
        startup.pruneUnusedInBackground();
        return supervisor;
    }

    /** {@code -Dtether.supervisor.jvmOptions="-Xmx64m ..."}: for a machine where the defaults do not fit. */
    static List<String> extraJvmOptions() {
        String extra = System.getProperty("tether.supervisor.jvmOptions", "").trim();
        return extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
    }

    private static String javaExecutable() {
        return ProcessHandle.current()
                .info()
                .command()
                .filter(c -> c.endsWith("java"))
                .orElse(Paths.get(System.getProperty("java.home"), "bin", "java")
                        .toString());
    }

    /** This module's classes and JNA's jar, found without loading (and so initialising) JNA in the owner. */
    private static List<String> classpath() {
        return List.of(
                location(SupervisorMain.class.getName().replace('.', '/') + ".class"),
                location("com/sun/jna/Native.class"));
    }

    private static String location(String resource) {
        URL url = SupervisorLauncher.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new SupervisorException(ClientMessages.noJna(resource, SupervisorLauncher.class.toString()));
        }
        try {
            String text = url.toString();
            if (text.startsWith("jar:")) {
                return Paths.get(new URL(text.substring(4, text.indexOf("!/"))).toURI())
                        .toString();
            }
            Path file = Paths.get(url.toURI());
            int depth = resource.split("/").length;
            for (int i = 0; i < depth; i++) {
                file = file.getParent();
            }
            return file.toString();
        } catch (URISyntaxException | IOException e) {
            throw new SupervisorException(ClientMessages.notAClassPathEntry(url.toString(), e.getMessage()), e);
        }
    }
}
