package dev.tether.killer.client;

import dev.tether.killer.protocol.Message;

/**
 * Who listens on a port, as seen from one tree ({@link ProcessSupervisor#listenerOf}): the readiness wait's check
 * that a port answering a probe is not a leftover server of an earlier run. The supervisor reads the listeners
 * through sock_diag and looks at the tree's own descriptors first.
 */
public enum PortListener {
    /** A process of the tree holds the listening socket. */
    THE_TREE,
    /** Another process does: a leftover of an earlier run, or a stranger. */
    ANOTHER_PROCESS,
    /**
     * No listener is visible: none, one in another network namespace, or a backend that cannot read sockets'
     * holders (then nothing can be compared).
     */
    NONE_SEEN;

    static PortListener of(Message.PortHeld held) {
        if (!held.listening()) {
            return NONE_SEEN;
        }
        return held.byTree() ? THE_TREE : ANOTHER_PROCESS;
    }
}
