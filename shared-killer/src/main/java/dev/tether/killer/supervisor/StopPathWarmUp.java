package dev.tether.killer.supervisor;

import dev.tether.killer.internal.posix.NativePosix;
import dev.tether.killer.ports.PortOwners;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInspector;
import dev.tether.killer.process.ProcessTable;
import dev.tether.killer.process.TreeMembership;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs, once and early, the code the first stop runs (reading a tree's membership) and the first port owner
 * check runs (one netlink query, one look at a process's descriptors). Its first run in a JVM pays
 * one-time costs (the record hashing and lambda call sites bootstrapped through java.lang.invoke) measured at
 * ~70 ms; paid during the owner-death stop, that delayed the first TERM by ~14 ms on each of three trees
 * (EngineBenchmark, "owner JVM SIGKILLed"). Here it is paid on a background thread while nothing waits.
 */
final class StopPathWarmUp {
    private StopPathWarmUp() {}

    /**
     * The supervisor's own membership, as a tree of one, and the owner check's queries for a port nobody listens
     * on (0) and its own descriptors: reads, signals nothing. The owner check's first run cost 7-13 ms of the
     * first readiness in a build (a fresh supervisor per `mvn verify`).
     */
    static void run(ProcessInspector inspector, ProcessId self, NativePosix posix) {
        if (PortOwners.isSupported()) {
            Set<Long> none = posix.listeningSocketInodes(0).orElseGet(() -> PortOwners.listeningSockets(0));
            PortOwners.holders(none.isEmpty() ? Set.of(0L) : none, List.of(self.pid()));
        }
        inspector
                .process(self.pid())
                .ifPresent(me -> new TreeMembership(self, "warm-up", List.of())
                        .members(new ProcessTable(List.of(me)), Set.of(self.pid()), pid -> Optional.empty(), Set.of()));
    }
}
