package dev.tether.killer.supervisor;

import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.ProcessTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Orphans of pid 1 (portable backend) that only this supervisor's fixtures can have made, though not one alone:
 * two of them were launched in the same stretch. Ours either way, so each ends with the stop of the last of its
 * suspects, and with the owner. Before this, such a daemon was only named at stop and outlived the build: seen in
 * CI when a test fork was SIGKILLed while one class fixture daemonized beside another class's fixture.
 *
 * <p>Judgements and the starts of stops come under the {@link InitOrphans} monitor, so they never interleave: an
 * orphan judged before a suspect's stop began is taken by the last suspect to stop; one judged after every
 * suspect began stopping is handed to {@code endNow}. Its own lock guards only its map: the ledger writer reads
 * it while holding its own lock, which a judgement takes too, so the InitOrphans monitor must not be needed here.
 */
final class UndecidedOrphans {
    private final Map<ProcessId, List<OwnedTree>> suspects = new HashMap<>();
    private final Map<String, OwnedTree> fixtures;
    private final BiConsumer<ProcessInfo, String> endNow;

    UndecidedOrphans(Map<String, OwnedTree> fixtures, BiConsumer<ProcessInfo, String> endNow) {
        this.fixtures = fixtures;
        this.endNow = endNow;
    }

    /** {@code orphan} was made by one of {@code makers}, all of them this supervisor's fixtures. */
    void keep(ProcessInfo orphan, List<OwnedTree> makers) {
        synchronized (suspects) {
            if (makers.stream().anyMatch(this::standing)) {
                suspects.put(orphan.id(), List.copyOf(makers));
                return;
            }
            suspects.remove(orphan.id());
        }
        endNow.accept(orphan, "every fixture that could have started it is stopping");
    }

    /** {@code orphan} was found to be one fixture's, or nobody's that this supervisor may end. */
    void decided(ProcessId orphan) {
        synchronized (suspects) {
            suspects.remove(orphan);
        }
    }

    /**
     * {@code fixture}'s stop began (its {@code stopping} flag is set): it takes, as its own members, the orphans
     * no suspect still running could have made but itself.
     */
    void stopBegan(OwnedTree fixture) {
        suspects.entrySet().removeIf(entry -> {
            List<OwnedTree> makers = entry.getValue();
            boolean last =
                    makers.contains(fixture) && makers.stream().noneMatch(other -> other != fixture && standing(other));
            if (last) {
                fixture.membership.claim(entry.getKey());
            }
            return last;
        });
    }

    /** The orphans {@code fixture} is one suspect of, that wait for another suspect's stop. */
    List<ProcessId> waitingBeyond(OwnedTree fixture) {
        synchronized (suspects) {
            return suspects.entrySet().stream()
                    .filter(entry -> entry.getValue().contains(fixture))
                    .map(Map.Entry::getKey)
                    .toList();
        }
    }

    /** Every orphan kept, for the ledger: a reaper of this supervisor's remains ends them too. */
    Set<ProcessId> ids() {
        synchronized (suspects) {
            return Set.copyOf(suspects.keySet());
        }
    }

    void forgetDead(ProcessTable table) {
        synchronized (suspects) {
            suspects.keySet().removeIf(orphan -> !table.isAlive(orphan));
        }
    }

    /** Still this supervisor's fixture under that key and not being stopped: its stop is yet to come. */
    private boolean standing(OwnedTree fixture) {
        return fixtures.get(fixture.key) == fixture && !fixture.stopping;
    }
}
