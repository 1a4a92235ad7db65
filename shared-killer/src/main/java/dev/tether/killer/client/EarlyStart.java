package dev.tether.killer.client;

/**
 * Starts the JVM's shared supervisor ahead of need, when a caller knows it will be needed soon (a Maven build
 * that will reach tether:start): its JVM start (~100 ms) then overlaps the build's other work instead of
 * delaying the first fixture.
 */
public final class EarlyStart {
    private EarlyStart() {}

    /**
     * Starts {@link ProcessSupervisor#shared()} on a daemon thread. A failure here is not reported: the first
     * real use starts it again and says why it cannot.
     */
    public static void sharedSupervisorInBackground() {
        Thread starter = new Thread(
                () -> {
                    try {
                        ProcessSupervisor.shared();
                    } catch (RuntimeException e) {
                        // the first real use reports it
                    }
                },
                "tether-early-start");
        starter.setDaemon(true);
        starter.start();
    }
}
