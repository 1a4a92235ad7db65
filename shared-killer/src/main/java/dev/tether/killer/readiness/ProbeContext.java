package dev.tether.killer.readiness;

import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.config.Placeholders;
import java.nio.file.Path;
import java.util.Map;

/** What probes of one fixture need to know about it. */
public record ProbeContext(
        String id,
        String who,
        String key,
        Path logFile,
        Path workingDirectory,
        long startedNanos,
        ProcessSupervisor supervisor,
        Placeholders placeholders,
        Map<String, Integer> ports) {}
