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
 * Runs, once and early, on a background thread while nothing waits, the code that is first run at a moment
 * someone waits for it. A first run in a JVM pays one-time costs (class loading, lambda and record call sites
 * bootstrapped through java.lang.invoke, JNA's set-up of each native function), and code runs interpreted until
 * C1 compiles it (after ~200 calls):
 * <ul>
 *   <li>the stop path, reading a tree's membership: ~70 ms once; paid during the owner-death stop, it delayed
 *       the first TERM by ~14 ms on each of three trees (EngineBenchmark, "owner JVM SIGKILLed"); and the first
 *       kill(2) through JNA, which took 1-5 ms where the owner-death stop sends its first signal (see EarlySignal);
 *   <li>the readiness owner check (a sock_diag query, a process's liveness, its descriptors), which every start
 *       with a local port probe waits for: ~0.7 ms interpreted against ~0.08 ms compiled, measured alone; in
 *       the supervisor, beside a busy Maven JVM, its handling of the first check took a median 5.5 ms without
 *       these rounds and 3.9 ms with them (10 builds each, interleaved). The rounds cost ~50 ms of CPU once and
 *       0.9 MB of the idle supervisor's resident memory (40.1 against 41.0 MB, compiled code).
 * </ul>
 */
final class HotPathWarmUp {
    /** No socket listens on port 0: the query runs in full and finds nothing. */
    private static final int NO_LISTENER_PORT = 0;
    /** Enough calls for C1 to compile the owner check's methods (its invocation threshold is 200). */
    static final int COMPILING_ROUNDS = 200;

    private HotPathWarmUp() {}

    /**
     * Reads /proc and the kernel's listening sockets for this process only; signals nothing, opens no port.
     *
     * @param rounds how often the owner check runs: {@link #COMPILING_ROUNDS}, or 1 where only its classes matter
     */
    static void run(NativePosix posix, ProcessInspector inspector, ProcessId self, int rounds) {
        inspector
                .process(self.pid())
                .ifPresent(me -> new TreeMembership(self, "warm-up", List.of())
                        .members(new ProcessTable(List.of(me)), Set.of(self.pid()), pid -> Optional.empty(), Set.of()));
        posix.signal(self.pid(), 0); // signal 0 sends nothing: JNA's set-up of kill(2), 1-5 ms on a first signal
        for (int i = 0; i < rounds && PortOwners.isSupported(); i++) {
            Set<Long> sockets = ListenerCheck.listeningSockets(posix, NO_LISTENER_PORT);
            inspector.isRunning(self);
            PortOwners.holders(sockets.isEmpty() ? Set.of(-1L) : sockets, List.of(self.pid()));
        }
    }
}
