package it;

import dev.tether.killer.platform.Backend;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.ProcessInspector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;

/** Records every process below the given ones, for verify.groovy to check after the build. */
final class Pids {
    private Pids() {}

    static synchronized void record(String name, List<Integer> roots) throws IOException {
        String pids = Backend.current().inspector().snapshot().withDescendants(roots).stream()
                .map(ProcessInfo::pid)
                .map(String::valueOf)
                .collect(Collectors.joining("\n", "", "\n"));
        Path file = Path.of("target", "pids", name + ".txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, pids, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
