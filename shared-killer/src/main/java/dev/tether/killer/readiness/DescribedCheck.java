package dev.tether.killer.readiness;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/** A check with the words the messages use for it. */
record DescribedCheck(ProbeCheck check, String description) implements ProbeCheck {
    @Override
    public boolean passes() {
        return check.passes();
    }

    @Override
    public String lastFailure() {
        return check.lastFailure();
    }

    @Override
    public OptionalInt listeningPort() {
        return check.listeningPort();
    }

    @Override
    public int listeningPortOrAny() {
        return check.listeningPortOrAny();
    }

    @Override
    public Optional<Path> changesWith() {
        return check.changesWith();
    }
}
