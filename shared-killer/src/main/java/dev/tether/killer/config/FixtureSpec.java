package dev.tether.killer.config;

import dev.tether.killer.InvalidSpecException;
import dev.tether.killer.process.ProcessMessages;
import dev.tether.killer.stop.StopPolicy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A declarative fixture: what to run, the ports it needs, when it is ready, what it needs first, and how it
 * stops. Immutable; the {@code with...} methods return changed copies.
 *
 * @param daemonizes the launched command exits 0 after starting the real server (pg_ctl start, nginx): the
 *     tree, not the launched process, must stay alive
 * @param oneshot a task that runs to completion (a migration, a seed): ready when it exits 0, and whatever
 *     it left running is reaped then
 * @param logFile where stdout and stderr go; null for {@code <log directory>/<id>.log}
 */
public record FixtureSpec(
        String id,
        List<String> command,
        Path workingDirectory,
        Map<String, String> environment,
        List<PortSpec> ports,
        Readiness readiness,
        List<String> needs,
        boolean daemonizes,
        boolean oneshot,
        StopPolicy stopPolicy,
        Path logFile) {
    public FixtureSpec {
        if (id == null || !id.matches("[A-Za-z0-9_.-]+")) {
            throw InvalidSpecException.located(ConfigMessages.invalidId(id));
        }
        if (command == null || command.isEmpty() || command.get(0).isBlank()) {
            throw InvalidSpecException.located(ProcessMessages.noCommand("Fixture '" + id + "'"));
        }
        command = List.copyOf(command);
        workingDirectory =
                Objects.requireNonNullElse(workingDirectory, Path.of("")).toAbsolutePath();
        environment = Map.copyOf(Objects.requireNonNullElse(environment, Map.of()));
        ports = List.copyOf(Objects.requireNonNullElse(ports, List.of()));
        readiness = Objects.requireNonNullElse(readiness, Readiness.IMMEDIATE);
        needs = List.copyOf(Objects.requireNonNullElse(needs, List.of()));
        stopPolicy = Objects.requireNonNullElse(stopPolicy, StopPolicy.DEFAULT);
    }

    /** A fixture with defaults for everything but its id and argv. */
    public static FixtureSpec of(String id, List<String> command) {
        return new FixtureSpec(id, command, null, null, null, null, null, false, false, null, null);
    }

    /** A fixture whose command is one string, split into words like a shell would (no shell runs). */
    public static FixtureSpec of(String id, String commandLine) {
        return of(id, CommandLine.split(id, commandLine));
    }

    public FixtureSpec withWorkingDirectory(Path directory) {
        return copy(d -> d.workingDirectory = directory);
    }

    public FixtureSpec withEnvironment(Map<String, String> variables) {
        return copy(d -> d.environment = variables);
    }

    public FixtureSpec withPorts(String... names) {
        return copy(d -> d.ports = Arrays.stream(names).map(PortSpec::parse).toList());
    }

    public FixtureSpec withReadiness(Readiness ready) {
        return copy(d -> d.readiness = ready);
    }

    public FixtureSpec withNeeds(String... ids) {
        return copy(d -> d.needs = List.of(ids));
    }

    public FixtureSpec withDaemonizes(boolean value) {
        return copy(d -> d.daemonizes = value);
    }

    /** A task run to completion before its dependents start: see {@link #oneshot()}. */
    public FixtureSpec withOneshot(boolean value) {
        return copy(d -> d.oneshot = value);
    }

    public FixtureSpec withStopPolicy(StopPolicy policy) {
        return copy(d -> d.stopPolicy = policy);
    }

    public FixtureSpec withLogFile(Path file) {
        return copy(d -> d.logFile = file);
    }

    /** This spec with one change, checked again like any new spec. */
    private FixtureSpec copy(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.spec();
    }

    /** A spec's components, open for one change: the with-methods then name only the component they change. */
    private static final class Draft {
        String id;
        List<String> command;
        Path workingDirectory;
        Map<String, String> environment;
        List<PortSpec> ports;
        Readiness readiness;
        List<String> needs;
        boolean daemonizes;
        boolean oneshot;
        StopPolicy stopPolicy;
        Path logFile;

        Draft(FixtureSpec spec) {
            id = spec.id;
            command = spec.command;
            workingDirectory = spec.workingDirectory;
            environment = spec.environment;
            ports = spec.ports;
            readiness = spec.readiness;
            needs = spec.needs;
            daemonizes = spec.daemonizes;
            oneshot = spec.oneshot;
            stopPolicy = spec.stopPolicy;
            logFile = spec.logFile;
        }

        FixtureSpec spec() {
            return new FixtureSpec(
                    id,
                    command,
                    workingDirectory,
                    environment,
                    ports,
                    readiness,
                    needs,
                    daemonizes,
                    oneshot,
                    stopPolicy,
                    logFile);
        }
    }
}
