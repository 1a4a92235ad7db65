package dev.tether.killer.ports;

/**
 * A port reserved for one fixture: a machine-wide reservation that other Tether JVMs respect, held until the
 * fixture is stopped (see {@link PortAllocator}).
 */
public final class PortLease implements AutoCloseable {
    private final String name;
    private final int port;
    private final Runnable release;
    private boolean released;

    PortLease(String name, int port, Runnable release) {
        this.name = name;
        this.port = port;
        this.release = release;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** Gives the port up. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (!released) {
            released = true;
            release.run();
        }
    }
}
