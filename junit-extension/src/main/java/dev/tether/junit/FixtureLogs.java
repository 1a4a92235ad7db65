package dev.tether.junit;

import dev.tether.killer.fixture.RunningFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The last lines of every fixture's log in a failed test's scopes, as a throwable added to the failure as
 * suppressed: test reports print it with the failure. It has no stack trace of its own (it would only point
 * here).
 */
final class FixtureLogs extends RuntimeException {
    private static final int LINES = 20;

    private FixtureLogs(String message) {
        super(message, null, false, false);
    }

    static Optional<FixtureLogs> of(List<ScopeFixtures> scopes) {
        List<String> sections = new ArrayList<>();
        for (ScopeFixtures scope : scopes) {
            for (RunningFixture fixture : scope.running()) {
                List<String> tail = fixture.logTail(LINES);
                sections.add("[" + fixture.id() + "] " + fixture.logFile() + (tail.isEmpty() ? " (empty)" : "")
                        + tail.stream().map(line -> "\n    " + line).reduce("", String::concat));
            }
        }
        return sections.isEmpty()
                ? Optional.empty()
                : Optional.of(new FixtureLogs(
                        "The last lines of the fixtures' logs when the test failed:\n" + String.join("\n", sections)));
    }
}
