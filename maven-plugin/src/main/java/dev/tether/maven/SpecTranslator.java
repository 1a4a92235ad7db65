package dev.tether.maven;

import dev.tether.killer.InvalidSpecException;
import dev.tether.killer.config.CommandLine;
import dev.tether.killer.config.EnvironmentFile;
import dev.tether.killer.config.FixtureSpec;
import dev.tether.killer.config.JavaCommand;
import dev.tether.killer.config.Readiness;
import dev.tether.killer.config.ReadySettings;
import dev.tether.killer.config.TextualConfig;
import dev.tether.killer.stop.StopPolicy;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns {@code <processes>} into engine specs. Every error names the POM element it comes from and the fix,
 * and all of them are raised before anything starts.
 */
final class SpecTranslator {
    private final File baseDirectory;
    private final Path logDirectory;
    private final ProjectJava projectJava;

    SpecTranslator(File baseDirectory, Path logDirectory, ProjectJava projectJava) {
        this.baseDirectory = baseDirectory;
        this.logDirectory = logDirectory;
        this.projectJava = projectJava;
    }

    List<FixtureSpec> translate(List<ProcessConfig> processes) {
        List<FixtureSpec> specs = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            specs.add(translate(processes.get(i), i + 1));
        }
        return specs;
    }

    private FixtureSpec translate(ProcessConfig process, int number) {
        String id = process.getId();
        if (id == null || id.isBlank()) {
            throw new InvalidSpecException(PluginMessages.processWithoutId(number));
        }
        String where = "<process> '" + id + "'";
        try {
            FixtureSpec spec = FixtureSpec.of(id, command(process, where))
                    .withWorkingDirectory(
                            process.getWorkingDirectory() != null
                                    ? process.getWorkingDirectory().toPath()
                                    : baseDirectory.toPath())
                    .withEnvironment(EnvironmentFile.merge(
                            process.getEnvironmentFile() == null
                                    ? null
                                    : process.getEnvironmentFile().toPath(),
                            environment(process.getEnvironment()),
                            where + " <environmentFile>"))
                    .withPorts(ports(process.getPorts()))
                    .withReadiness(readiness(process.getReady(), where))
                    .withNeeds(needs(process.getNeeds()))
                    .withDaemonizes(process.isDaemonizes())
                    .withOneshot(process.isOneshot())
                    .withStopPolicy(stopPolicy(process.getStop(), where))
                    .withLogFile(logDirectory.resolve(id + ".log"));
            return spec;
        } catch (InvalidSpecException e) {
            throw e.locatedAt(where);
        } catch (IllegalArgumentException e) {
            throw InvalidSpecException.at(where, e.getMessage());
        }
    }

    private List<String> command(ProcessConfig process, String where) {
        if (process.getJava() != null) {
            return javaCommand(process, where);
        }
        boolean hasCommand =
                process.getCommand() != null && !process.getCommand().isBlank();
        boolean hasExecutable =
                process.getExecutable() != null && !process.getExecutable().isBlank();
        if (hasCommand == hasExecutable) {
            throw InvalidSpecException.at(where, PluginMessages.commandOrExecutable(hasCommand));
        }
        if (hasCommand) {
            return CommandLine.split(process.getId(), process.getCommand().trim());
        }
        List<String> argv = new ArrayList<>();
        argv.add(process.getExecutable().trim());
        argv.addAll(listOf(process.getArguments()));
        return argv;
    }

    private List<String> javaCommand(ProcessConfig process, String where) {
        if (process.getCommand() != null || process.getExecutable() != null) {
            throw InvalidSpecException.at(where, PluginMessages.javaAndCommand());
        }
        JavaConfig java = process.getJava();
        String at = where + " <java>";
        List<String> classPath = TextualConfig.present(java.getMainClass())
                ? projectJava.classPath(java.getClasspathScope(), at)
                : List.of();
        return JavaCommand.of(
                        projectJava.javaHome(),
                        classPath,
                        listOf(java.getJvmArguments()),
                        listOf(java.getArguments()),
                        at)
                .command(java.getMainClass(), java.getJar(), at);
    }

    private static List<String> listOf(List<String> values) {
        return values == null
                ? List.of()
                : values.stream().map(v -> Objects.requireNonNullElse(v, "")).toList();
    }

    private static Map<String, String> environment(Map<String, String> environment) {
        if (environment == null) {
            return Map.of();
        }
        Map<String, String> cleaned = new LinkedHashMap<>();
        environment.forEach((k, v) -> cleaned.put(k, Objects.requireNonNullElse(v, "")));
        return cleaned;
    }

    private static String[] ports(List<String> ports) {
        return ports == null ? new String[0] : ports.stream().map(String::trim).toArray(String[]::new);
    }

    private static String[] needs(String needs) {
        if (needs == null || needs.isBlank()) {
            return new String[0];
        }
        return Arrays.stream(needs.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toArray(String[]::new);
    }

    private static Readiness readiness(ReadyConfig ready, String where) {
        if (ready == null) {
            return Readiness.IMMEDIATE;
        }
        return TextualConfig.readiness(
                ReadySettings.written()
                        .tcp(ready.getTcp())
                        .http(ready.getHttp())
                        .status(ready.getStatus())
                        .body(ready.getBody())
                        .log(ready.getLog())
                        .occurrence(ready.getOccurrence())
                        .file(ready.getFile())
                        .command(ready.getCommand())
                        .delay(ready.getDelay())
                        .timeout(ready.getTimeout())
                        .mode(ready.getMode()),
                where + " <ready>");
    }

    private static StopPolicy stopPolicy(StopConfig stop, String where) {
        return stop == null
                ? StopPolicy.DEFAULT
                : TextualConfig.stopPolicy(stop.getSignal(), stop.getGrace(), stop.getSteps(), where + " <stop>");
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
