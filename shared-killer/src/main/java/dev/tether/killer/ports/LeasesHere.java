package dev.tether.killer.ports;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** The ports this JVM holds, across allocators: reserved, and leased to a fixture until released. */
final class LeasesHere {
    /** Reservations of this JVM: the kernel may offer a port this JVM holds but has not bound yet. */
    private static final Set<Integer> HELD = ConcurrentHashMap.newKeySet();
    /** Live leases of this JVM, released by a shutdown hook if nobody closed them. */
    private static final Set<PortLease> LIVE = ConcurrentHashMap.newKeySet();

    private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();

    private LeasesHere() {}

    /** False when this JVM holds the port already. */
    static boolean hold(int port) {
        return HELD.add(port);
    }

    static void unhold(int port) {
        HELD.remove(port);
    }

    /**
     * Remembers a live lease so that a JVM that ends without stopping its fixtures (an IDE run, a failed build
     * under a daemon JVM that then exits) still removes its reservations on the way out.
     */
    static PortLease track(PortLease lease) {
        if (HOOK_INSTALLED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(LeasesHere::releaseAll, "tether-port-release"));
        }
        LIVE.add(lease);
        return lease;
    }

    static void forget(int port) {
        HELD.remove(port);
        LIVE.removeIf(lease -> lease.port() == port);
    }

    private static void releaseAll() {
        try {
            LIVE.forEach(PortLease::close);
        } catch (Throwable e) {
            // the class loader may be closed already: a stale entry is removed by the next allocator
        }
    }
}
