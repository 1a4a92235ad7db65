package dev.tether.killer.supervisor;

import dev.tether.killer.internal.posix.NativePosix;
import dev.tether.killer.internal.posix.SpawnException;
import dev.tether.killer.internal.posix.SpawnRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** A fixture's leader just forked: its pid, and the fresh cgroup it was born in where there are cgroups. */
record LeaderSpawn(int pid, Optional<Path> cgroup) {
    static LeaderSpawn of(NativePosix posix, Optional<Cgroups> cgroups, SpawnRequest request)
            throws SpawnException, IOException {
        if (cgroups.isEmpty()) {
            return new LeaderSpawn(posix.spawn(request), Optional.empty());
        }
        Cgroups.Born<Integer> born;
        try {
            born = cgroups.get().spawnInFreshCgroup(() -> posix.spawn(request));
        } catch (SpawnException | IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
        return new LeaderSpawn(born.result(), Optional.of(born.cgroup()));
    }
}
