package dev.tether.killer.client;

import dev.tether.killer.InvalidSpecException;
import dev.tether.killer.process.ExecutableResolver;
import dev.tether.killer.process.ProcessMessages;
import dev.tether.killer.protocol.Codec;
import dev.tether.killer.protocol.Message;
import dev.tether.killer.stop.StopPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * One process tree to start: its id, argv (no shell involved), working directory, environment overrides (on
 * top of the owner's environment), the log file that receives stdout and stderr, and how to stop it.
 */
public record TreeSpec(
        String id,
        List<String> command,
        Path workingDirectory,
        Map<String, String> environment,
        Path logFile,
        StopPolicy stopPolicy) {
    public TreeSpec {
        if (id == null || id.isBlank()) {
            throw new InvalidSpecException(ClientMessages.blankId());
        }
        if (command == null || command.isEmpty() || command.get(0).isBlank()) {
            throw new InvalidSpecException(ProcessMessages.noCommand("Fixture '" + id + "'"));
        }
        command = List.copyOf(command);
        environment = Map.copyOf(Objects.requireNonNullElse(environment, Map.of()));
        workingDirectory =
                Objects.requireNonNull(workingDirectory, "workingDirectory").toAbsolutePath();
        logFile = Objects.requireNonNull(logFile, "logFile").toAbsolutePath();
        stopPolicy = Objects.requireNonNullElse(stopPolicy, StopPolicy.DEFAULT);
    }

    /** A spec with the default stop policy. */
    public static TreeSpec of(String id, List<String> command, Path workingDirectory, Path logFile) {
        return new TreeSpec(id, command, workingDirectory, Map.of(), logFile, StopPolicy.DEFAULT);
    }

    public TreeSpec withEnvironment(Map<String, String> overrides) {
        return new TreeSpec(id, command, workingDirectory, overrides, logFile, stopPolicy);
    }

    public TreeSpec withStopPolicy(StopPolicy policy) {
        return new TreeSpec(id, command, workingDirectory, environment, logFile, policy);
    }

    /** What a spawn of this tree runs: the resolved executable, and the full environment it gets. */
    public record Launch(Path executable, Map<String, String> environment) {}

    /**
     * Checks that this tree can be spawned (the working directory exists, the command resolves to an
     * executable), so bad input starts nothing; {@code who} names it in the message, as the user declared it. The
     * environment is the owner's, without the supervisor's own variable, plus the overrides.
     */
    public Launch checkRunnable(String who) {
        if (!Files.isDirectory(workingDirectory)) {
            throw new InvalidSpecException(ProcessMessages.noWorkingDirectory(who, workingDirectory));
        }
        Map<String, String> fullEnvironment = new LinkedHashMap<>(System.getenv());
        fullEnvironment.remove(Codec.SUPERVISOR_VARIABLE);
        fullEnvironment.putAll(environment);
        return new Launch(
                ExecutableResolver.resolve(who, command.get(0), fullEnvironment, workingDirectory), fullEnvironment);
    }

    /** The request that spawns this tree, checked first (see {@link #checkRunnable}). */
    IntFunction<Message.Request> checkedSpawnRequest() {
        Launch launch = checkRunnable("Fixture '" + id + "'");
        return requestId -> new Message.Spawn(
                requestId,
                id,
                launch.executable().toString(),
                command,
                launch.environment(),
                workingDirectory.toString(),
                logFile.toString(),
                stopPolicy);
    }
}
