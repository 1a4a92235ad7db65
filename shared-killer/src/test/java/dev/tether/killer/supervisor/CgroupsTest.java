package dev.tether.killer.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standby-cgroup protocol over a plain directory (cgroupfs files are plain files to write): where each
 * child is born, and that the supervisor is never in a cgroup when it is killed. The background move is
 * held back, as when a stop or a spawn comes before it runs.
 */
class CgroupsTest {
    /** Queues tasks and runs them only when told. */
    static final class HeldBack extends AbstractExecutorService {
        final List<Runnable> queued = new ArrayList<>();

        @Override
        public void execute(Runnable task) {
            queued.add(task);
        }

        void runAll() {
            List<Runnable> now = new ArrayList<>(queued);
            queued.clear();
            now.forEach(Runnable::run);
        }

        @Override
        public void shutdown() {}

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    private static String procs(Path cgroup) throws Exception {
        return Files.readString(cgroup.resolve("cgroup.procs")).trim();
    }

    @Test
    void killBeforeTheBackgroundMoveLeavesTheCgroupFirst(@TempDir Path base) throws Exception {
        HeldBack mover = new HeldBack();
        Cgroups cgroups = new Cgroups(base, "4242", mover);
        cgroups.start();
        Files.writeString(base.resolve("fixture-1").resolve("cgroup.kill"), "");

        Cgroups.Born<String> born = cgroups.spawnInFreshCgroup(() -> "child");
        assertEquals(base.resolve("fixture-1"), born.cgroup(), "born where the supervisor waited");
        assertEquals(1, mover.queued.size(), "the move to a new standby is left to the background");

        assertTrue(cgroups.killAll(born.cgroup()));

        assertEquals("1", Files.readString(born.cgroup().resolve("cgroup.kill")));
        assertTrue(Files.isDirectory(base.resolve("fixture-2")), "a new standby was made before the kill");
        assertEquals("4242", procs(base.resolve("fixture-2")), "and the supervisor moved into it first");
    }

    @Test
    void spawnBeforeTheBackgroundMoveGetsAFreshCgroupOfItsOwn(@TempDir Path base) throws Exception {
        HeldBack mover = new HeldBack();
        Cgroups cgroups = new Cgroups(base, "4242", mover);
        cgroups.start();

        Path first = cgroups.spawnInFreshCgroup(() -> 1).cgroup();
        Path second = cgroups.spawnInFreshCgroup(() -> 2).cgroup();

        assertNotEquals(first, second, "two fixtures never share a cgroup");
        mover.runAll();
        Path third = cgroups.spawnInFreshCgroup(() -> 3).cgroup();
        assertFalse(List.of(first, second).contains(third));
        assertEquals("4242", procs(third), "the supervisor waits in a fresh standby before each spawn");
    }

    @Test
    void failedSpawnKeepsTheStandbyFresh(@TempDir Path base) throws Exception {
        Cgroups cgroups = new Cgroups(base, "4242", new HeldBack());
        cgroups.start();
        try {
            cgroups.spawnInFreshCgroup(() -> {
                throw new IllegalStateException("posix_spawn failed");
            });
        } catch (IllegalStateException expected) {
            // the spawn failed: nothing was born
        }
        assertEquals(
                base.resolve("fixture-1"), cgroups.spawnInFreshCgroup(() -> 1).cgroup());
    }
}
