package dev.tether.killer.process;

import dev.tether.killer.InvalidSpecException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the executable of a command the way a shell would, before anything is started, so that a typo is a
 * clear error naming what was searched rather than a fixture that "never became ready".
 */
public final class ExecutableResolver {
    private ExecutableResolver() {}

    /**
     * @param command argv[0] as the user wrote it
     * @param environment the environment the process will get (its PATH is searched)
     * @param workingDirectory where a relative path such as {@code ./server.sh} is resolved
     * @throws InvalidSpecException naming the command, the places searched and the fix
     */
    public static Path resolve(String who, String command, Map<String, String> environment, Path workingDirectory) {
        if (command.contains("/")) {
            Path path = workingDirectory.resolve(command).normalize();
            if (!Files.exists(path)) {
                throw new InvalidSpecException(ProcessMessages.noSuchFile(who, command, path, workingDirectory));
            }
            return checkExecutable(who, path);
        }
        String pathVariable = environment.getOrDefault("PATH", "");
        List<String> searched = new ArrayList<>();
        for (String directory : pathVariable.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            searched.add(directory);
            Path candidate = Paths.get(directory).resolve(command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new InvalidSpecException(ProcessMessages.notOnPath(who, command, searched));
    }

    private static Path checkExecutable(String who, Path path) {
        if (Files.isDirectory(path)) {
            throw new InvalidSpecException(ProcessMessages.isADirectory(who, path));
        }
        if (!Files.isExecutable(path)) {
            throw new InvalidSpecException(ProcessMessages.notExecutable(who, path));
        }
        return path;
    }
}
