package dev.tether.junit;

import dev.tether.killer.InvalidSpecException;
import dev.tether.killer.config.CommandLine;
import dev.tether.killer.config.ConfigMessages;
import dev.tether.killer.config.EnvironmentFile;
import dev.tether.killer.config.FixtureSpec;
import dev.tether.killer.config.JavaCommand;
import dev.tether.killer.config.ReadySettings;
import dev.tether.killer.config.TextualConfig;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns {@link ManagedProcess} annotations into engine specs; errors name the annotation and its element. */
final class AnnotationSpecs {
    private AnnotationSpecs() {}

    static List<FixtureSpec> translate(List<ManagedProcess> processes, Path logDirectory, String declaredOn) {
        return processes.stream()
                .map(p -> translate(p, logDirectory, declaredOn))
                .toList();
    }

    private static FixtureSpec translate(ManagedProcess process, Path logDirectory, String declaredOn) {
        String where = "@ManagedProcess(id = \"" + process.id() + "\") on " + declaredOn;
        try {
            List<String> command = command(process, where);
            Ready ready = process.ready();
            Stop stop = process.stop();
            return FixtureSpec.of(process.id(), command)
                    .withWorkingDirectory(
                            process.workingDirectory().isBlank() ? Path.of("") : Path.of(process.workingDirectory()))
                    .withEnvironment(EnvironmentFile.merge(
                            process.environmentFile().isBlank() ? null : Path.of(process.environmentFile()),
                            environment(process.environment(), where),
                            where + " environmentFile"))
                    .withPorts(process.ports())
                    .withReadiness(TextualConfig.readiness(
                            ReadySettings.written()
                                    .tcp(ready.tcp())
                                    .http(ready.http())
                                    .status(ready.status())
                                    .body(ready.body())
                                    .log(ready.log())
                                    .occurrence(ready.occurrence())
                                    .file(ready.file())
                                    .command(ready.command())
                                    .delay(ready.delay())
                                    .timeout(ready.timeout())
                                    .mode(ready.any() ? "any" : "all"),
                            where + " ready"))
                    .withNeeds(process.needs())
                    .withDaemonizes(process.daemonizes())
                    .withOneshot(process.oneshot())
                    .withStopPolicy(
                            TextualConfig.stopPolicy(stop.signal(), stop.grace(), stop.steps(), where + " stop"))
                    .withLogFile(logDirectory.resolve(process.id() + ".log"));
        } catch (InvalidSpecException e) {
            throw e.locatedAt(where);
        }
    }

    private static List<String> command(ManagedProcess process, String where) {
        if (!process.javaMain().isBlank()) {
            if (process.command().length > 0) {
                throw InvalidSpecException.at(where, ExtensionMessages.javaMainAndCommand());
            }
            return JavaCommand.of(
                            Path.of(System.getProperty("java.home")),
                            Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)),
                            List.of(process.jvmArgs()),
                            List.of(process.args()),
                            where)
                    .command(process.javaMain(), null, where);
        }
        if (process.jvmArgs().length > 0 || process.args().length > 0) {
            throw InvalidSpecException.at(where, ExtensionMessages.javaArgumentsWithoutMain());
        }
        return process.command().length == 1
                ? CommandLine.split(process.id(), process.command()[0])
                : List.of(process.command());
    }

    private static Map<String, String> environment(String[] entries, String where) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw InvalidSpecException.located(ConfigMessages.environmentEntry(where, entry));
            }
            environment.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
        return environment;
    }
}
