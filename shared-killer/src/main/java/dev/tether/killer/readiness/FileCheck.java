package dev.tether.killer.readiness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A file appearing (a pid file, a socket): its creation wakes the wait where its directory exists already. */
final class FileCheck implements ProbeCheck {
    private final Path file;

    FileCheck(Path file) {
        this.file = file;
    }

    @Override
    public boolean passes() {
        return Files.exists(file);
    }

    @Override
    public Optional<Path> changesWith() {
        return Optional.of(file);
    }

    @Override
    public String lastFailure() {
        return file + " does not exist";
    }
}
