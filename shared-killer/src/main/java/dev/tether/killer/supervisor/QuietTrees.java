package dev.tether.killer.supervisor;

import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInspector;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the trees stayed as the last full look left them, answered without reading the whole table. Where
 * there is no cgroup a full look (every process's stat line) is what remembers ancestry and notices losses, and
 * on a busy machine other users' pids are handed out all the time: an idle supervisor read the whole table once
 * a second for nothing. On Linux a new process of ours is the child of a member, or (its parent gone) the
 * subreaper's, which the adoptee check sees; and a loss is a member no longer running. So the trees are as they
 * were when every member alive at the last look still runs and has no child that look did not know.
 */
final class QuietTrees {
    private final ProcessInspector inspector;

    QuietTrees(ProcessInspector inspector) {
        this.inspector = inspector;
    }

    /** True when nothing changed in {@code trees}; false when something did, or when it cannot be told. */
    boolean unchanged(Collection<OwnedTree> trees) {
        for (OwnedTree tree : trees) {
            Set<ProcessId> known = tree.membership.known();
            Set<Integer> knownPids = new HashSet<>();
            known.forEach(member -> knownPids.add(member.pid()));
            for (ProcessId member : known) {
                if (tree.lossNoticed(member)) {
                    continue;
                }
                if (!inspector.isRunning(member)) {
                    return false; // a loss to record: evidence for judging adoptees
                }
                Optional<Set<Integer>> children = inspector.children(member.pid());
                if (children.isEmpty() || !knownPids.containsAll(children.get())) {
                    return false;
                }
            }
        }
        return true;
    }
}
