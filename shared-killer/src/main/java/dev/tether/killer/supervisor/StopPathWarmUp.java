package dev.tether.killer.supervisor;

import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInspector;
import dev.tether.killer.process.ProcessTable;
import dev.tether.killer.process.TreeMembership;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs, once and early, the code the first stop runs: reading a tree's membership. Its first run in a JVM pays
 * one-time costs (the record hashing and lambda call sites bootstrapped through java.lang.invoke) measured at
 * ~70 ms; paid during the owner-death stop, that delayed the first TERM by ~14 ms on each of three trees
 * (EngineBenchmark, "owner JVM SIGKILLed"). Here it is paid on a background thread while nothing waits.
 */
final class StopPathWarmUp {
    private StopPathWarmUp() {}

    /** The supervisor's own membership, as a tree of one: reads /proc for itself only, signals nothing. */
    static void run(ProcessInspector inspector, ProcessId self) {
        inspector
                .process(self.pid())
                .ifPresent(me -> new TreeMembership(self, "warm-up", List.of())
                        .members(new ProcessTable(List.of(me)), Set.of(self.pid()), pid -> Optional.empty(), Set.of()));
    }
}
