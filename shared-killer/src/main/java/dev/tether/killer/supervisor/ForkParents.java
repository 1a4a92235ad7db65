package dev.tether.killer.supervisor;

import dev.tether.killer.platform.UniqueIds;
import dev.tether.killer.process.ProcessId;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Where the OS keeps each process's forking parent by a never-reused id (macOS's {@code p_puniqueid}), an orphan of
 * pid 1 names its maker: the unique id of every member of a tree is remembered as that tree's while the member is
 * alive (the supervisor looks at its trees at each fork, see {@link OwnerWatch}), and an orphan whose parent's id
 * is one of them is that tree's, however many fixtures or builds launched at the same moment. Exact where it
 * applies; {@link InitOrphans}'s timing rule decides the rest.
 */
final class ForkParents {
    private final UniqueIds ids;
    private final Predicate<ProcessId> alive;
    /** Members already remembered, each with its unique id. */
    private final Map<ProcessId, Long> remembered = new ConcurrentHashMap<>();
    /** Unique id of a member (alive or exited) to the key of its tree. */
    private final Map<Long, String> treeOf = new ConcurrentHashMap<>();

    /** @param alive whether a process is still the one of that identity (a pid read after it exited is another's) */
    ForkParents(UniqueIds ids, Predicate<ProcessId> alive) {
        this.ids = ids;
        this.alive = alive;
    }

    /** Records the unique id of each member of tree {@code key} not recorded yet; one system call per new one. */
    void remember(String key, Collection<ProcessId> members) {
        for (ProcessId member : members) {
            if (remembered.containsKey(member)) {
                continue;
            }
            OptionalLong id = ids.of(member.pid());
            // Read first, then check the pid still names the member: otherwise the id may be a newcomer's.
            if (id.isPresent() && alive.test(member)) {
                remembered.put(member, id.getAsLong());
                treeOf.put(id.getAsLong(), key);
            }
        }
    }

    /** The tree whose member forked live process {@code pid}, if one did. */
    Optional<String> treeOfParent(int pid) {
        OptionalLong parent = ids.parentOf(pid);
        return parent.isPresent() ? Optional.ofNullable(treeOf.get(parent.getAsLong())) : Optional.empty();
    }

    /** The tree stopped: its members' ids no longer name it. */
    void forget(String key) {
        treeOf.values().removeIf(key::equals);
        remembered.keySet().removeIf(member -> !treeOf.containsKey(remembered.get(member)));
    }
}
