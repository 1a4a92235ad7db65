package dev.tether.killer.testing;

import dev.tether.killer.client.ProcessSupervisor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One supervisor per test class, with a ledger directory of its own so that its sweep never touches another
 * test's (or another build's) ledgers. Use as a static {@code @RegisterExtension} field.
 */
public final class SupervisorExtension implements BeforeAllCallback, AfterAllCallback {
    private ProcessSupervisor supervisor;
    private Path ledgers;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        ledgers = Files.createTempDirectory("tether-test-ledgers");
        supervisor = ProcessSupervisor.launch(ledgers);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        supervisor.close();
        try (var files = Files.list(ledgers)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(ledgers);
    }

    public ProcessSupervisor get() {
        return supervisor;
    }
}
