package dev.tether.killer.readiness;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/** A probe with its placeholders resolved, ready to be polled. */
public interface ProbeCheck {
    /** One attempt; never blocks much longer than a connect timeout. */
    boolean passes();

    /** Why the last attempt did not pass ("connection refused", "status 503"), for the timeout message. */
    String lastFailure();

    /** The local port a passing attempt proves someone listens on, so its owner can be checked. */
    default OptionalInt listeningPort() {
        return OptionalInt.empty();
    }

    /** The port this check connects to, local or not; -1 for checks that connect nowhere. */
    default int listeningPortOrAny() {
        return -1;
    }

    /**
     * The file whose writes alone can make this check pass (a log, a file expected to appear), so the wait may
     * sleep until it changes; empty for checks that must be polled (a port, a command, a delay).
     */
    default Optional<Path> changesWith() {
        return Optional.empty();
    }

    /** What it waits for, with placeholders resolved: "tcp 127.0.0.1:41234 (port web)". */
    default String description() {
        return toString();
    }
}
