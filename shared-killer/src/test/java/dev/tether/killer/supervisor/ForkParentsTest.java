package dev.tether.killer.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.killer.platform.UniqueIds;
import dev.tether.killer.process.ProcessId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The macOS rule for orphans of pid 1, on made-up unique ids (the native reader is macOS only; its structure is
 * tested in DarwinUniqueIdsTest): the forking parent's id names the tree.
 */
class ForkParentsTest {
    /** What the kernel would answer: each live pid's unique id and its forking parent's. */
    private static final class Kernel implements UniqueIds {
        final Map<Integer, long[]> processes = new HashMap<>();

        void process(int pid, long uniqueId, long parentUniqueId) {
            processes.put(pid, new long[] {uniqueId, parentUniqueId});
        }

        @Override
        public OptionalLong of(int pid) {
            long[] ids = processes.get(pid);
            return ids == null ? OptionalLong.empty() : OptionalLong.of(ids[0]);
        }

        @Override
        public OptionalLong parentOf(int pid) {
            long[] ids = processes.get(pid);
            return ids == null ? OptionalLong.empty() : OptionalLong.of(ids[1]);
        }
    }

    private static final ProcessId WEB_LAUNCHER = new ProcessId(500, 10);
    private static final ProcessId WEB_MIDDLE = new ProcessId(501, 11);
    private static final ProcessId DB_LAUNCHER = new ProcessId(600, 10);

    @Test
    void anOrphanWhoseForkingParentWasSeenAsAMemberIsThatTreesEvenAfterTheParentExited() {
        Kernel kernel = new Kernel();
        kernel.process(500, 9000, 1);
        kernel.process(501, 9001, 9000);
        kernel.process(600, 9100, 1);
        ForkParents parents = new ForkParents(kernel, member -> true);
        parents.remember("web", List.of(WEB_LAUNCHER, WEB_MIDDLE));
        parents.remember("db", List.of(DB_LAUNCHER));

        kernel.processes.remove(501); // the middle process of a double fork exits...
        kernel.process(502, 9002, 9001); // ...and its daemon, now pid 1's child, still names it
        kernel.process(601, 9101, 9100); // db's launcher forked one too, in the same instant

        assertEquals(Optional.of("web"), parents.treeOfParent(502));
        assertEquals(Optional.of("db"), parents.treeOfParent(601));
    }

    @Test
    void anOrphanOfAProcessNoTreeWasSeenWithIsNobodysHere() {
        Kernel kernel = new Kernel();
        kernel.process(500, 9000, 1);
        kernel.process(700, 9300, 9299); // made by a process never seen (it lived between two looks)
        ForkParents parents = new ForkParents(kernel, member -> true);
        parents.remember("web", List.of(WEB_LAUNCHER));

        assertEquals(Optional.empty(), parents.treeOfParent(700), "left to the timing rule");
        assertEquals(Optional.empty(), parents.treeOfParent(999), "gone: nothing to read");
    }

    @Test
    void anIdReadAfterTheMembersPidWasTakenByAnotherProcessIsNotRemembered() {
        Kernel kernel = new Kernel();
        kernel.process(501, 7777, 1); // pid 501 is now someone else's
        kernel.process(800, 8888, 7777);
        ForkParents parents = new ForkParents(kernel, member -> !member.equals(WEB_MIDDLE));
        parents.remember("web", List.of(WEB_MIDDLE));

        assertEquals(Optional.empty(), parents.treeOfParent(800), "the stranger's child is not web's");
    }

    @Test
    void aStoppedTreesIdsNoLongerNameIt() {
        Kernel kernel = new Kernel();
        kernel.process(500, 9000, 1);
        kernel.process(502, 9002, 9000);
        ForkParents parents = new ForkParents(kernel, member -> true);
        parents.remember("web", Set.of(WEB_LAUNCHER));

        parents.forget("web");

        assertEquals(Optional.empty(), parents.treeOfParent(502));
    }
}
