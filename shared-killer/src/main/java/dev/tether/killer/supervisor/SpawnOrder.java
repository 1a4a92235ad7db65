package dev.tether.killer.supervisor;

import dev.tether.killer.internal.posix.SpawnRequest;
import dev.tether.killer.process.TreeMembership;
import dev.tether.killer.protocol.Codec;
import dev.tether.killer.stop.StopPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the owner asks to run, as the supervisor received it. */
record SpawnOrder(
        String key,
        String executable,
        List<String> argv,
        Map<String, String> environment,
        Path workingDirectory,
        Path logFile,
        StopPolicy policy) {

    /**
     * The native spawn: the supervisor's environment without its own variable, the order's on top, and the
     * tree's cookie, which every descendant inherits unless it scrubs its environment.
     */
    SpawnRequest nativeRequest(String cookie) {
        Map<String, String> full = new LinkedHashMap<>(System.getenv());
        full.remove(Codec.SUPERVISOR_VARIABLE);
        full.putAll(environment);
        full.put(TreeMembership.COOKIE_VARIABLE, cookie);
        List<String> envp = new ArrayList<>();
        full.forEach((k, v) -> envp.add(k + "=" + v));
        return new SpawnRequest(executable, argv, envp, workingDirectory, logFile);
    }
}
