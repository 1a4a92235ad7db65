package dev.tether.killer.testing;

import dev.tether.killer.client.TreeSpec;
import dev.tether.killer.stop.StopPolicy;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The test scripts in src/test/resources/scripts, as tree specs. */
public final class Scripts {
    private Scripts() {}

    public static Path path(String name) {
        try {
            return Paths.get(Scripts.class.getResource("/scripts/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server that keeps running (its launcher execs into it), key {@code server}, logging in {@code dir}. */
    public static TreeSpec sleepingServer(Path dir) {
        return new TreeSpec(
                "server",
                List.of("/bin/sh", "-c", "exec sleep 300"),
                dir,
                Map.of(),
                dir.resolve("server.log"),
                StopPolicy.DEFAULT);
    }

    /** {@code /bin/sh <script> args...} with its log in {@code dir}. */
    public static TreeSpec spec(String id, Path dir, String script, String... args) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", path(script).toString()));
        command.addAll(List.of(args));
        return new TreeSpec(id, command, dir, Map.of(), dir.resolve(id + ".log"), StopPolicy.DEFAULT);
    }
}
