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
 * bootstrapped through java.lang.invoke, JNA's set-up of each native function):
 * <ul>
 *   <li>the stop path, reading a tree's membership: ~70 ms once; paid during the owner-death stop, it delayed
 *       the first TERM by ~14 ms on each of three trees (EngineBenchmark, "owner JVM SIGKILLed"); and the first
 *       kill(2) through JNA, which took 1-5 ms where the owner-death stop sends its first signal (see EarlySignal);
 *   <li>the readiness owner check (a sock_diag query, a process's liveness, its descriptors), which every start
 *       with a local port probe waits for.
 * </ul>
 * One run each, not enough for C1 to compile them. Until 2026-12 the owner check ran 200 times here so that it
 * was compiled before its first use: its first handling, beside a busy Maven JVM, took 3.9 instead of 5.5 ms.
 * Those rounds cost 100-130 ms of this thread's CPU plus the compiles, and the supervisor's CPU over a whole
 * build fell from 530 to 390 ms without them (median of 10 interleaved builds each): on a two-core machine that
 * CPU is taken from the build that starts the supervisor early, for 1.6 ms once. They also ran beside the
 * supervisor's own start: its cold start fell from 222-250 to 161-203 ms without them (EngineBenchmark).
 */
final class HotPathWarmUp {
    /** No socket listens on port 0: the query runs in full and finds nothing. */
    private static final int NO_LISTENER_PORT = 0;

    private HotPathWarmUp() {}

    /** Reads /proc and the kernel's listening sockets for this process only; signals nothing, opens no port. */
    static void run(NativePosix posix, ProcessInspector inspector, ProcessId self) {
        inspector
                .process(self.pid())
                .ifPresent(me -> new TreeMembership(self, "warm-up", List.of())
                        .members(new ProcessTable(List.of(me)), Set.of(self.pid()), pid -> Optional.empty(), Set.of()));
        posix.signal(self.pid(), 0); // signal 0 sends nothing: JNA's set-up of kill(2), 1-5 ms on a first signal
        if (PortOwners.isSupported()) {
            Set<Long> sockets = ListenerCheck.listeningSockets(posix, NO_LISTENER_PORT);
            inspector.isRunning(self);
            PortOwners.holders(sockets.isEmpty() ? Set.of(-1L) : sockets, List.of(self.pid()));
        }
    }
}
