package dev.tether.killer.readiness;

import java.nio.file.Files;
import java.nio.file.Path;

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
    public String lastFailure() {
        return file + " does not exist";
    }
}
