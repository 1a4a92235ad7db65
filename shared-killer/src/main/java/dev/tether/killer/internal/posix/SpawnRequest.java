package dev.tether.killer.internal.posix;

import java.nio.file.Path;
import java.util.List;

/** What a spawn needs: the resolved executable, argv, the complete environment, directory and log. */
public record SpawnRequest(
        String executable, List<String> argv, List<String> environment, Path workingDirectory, Path logFile) {}
