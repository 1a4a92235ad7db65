package dev.tether.junit;

import dev.tether.killer.fixture.UnexpectedExit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.opentest4j.AssertionFailedError;

/**
 * The crashes of one scope's fixtures while its tests run. Each crash is said at once in the log, blamed on
 * one test (the first whose end sees it: the one that ran when it happened, or just after), and from then on
 * refuses the bodies of the scope's later tests, which would only fail against a dead server.
 */
final class CrashWatch implements Consumer<UnexpectedExit> {
    private static final Logger LOG = Logger.getLogger("dev.tether.junit");

    private final String scope;
    private final List<UnexpectedExit> unblamed = new ArrayList<>();
    /** Each crash already blamed, with the test it was blamed on. */
    private final Map<UnexpectedExit, String> blamed = new LinkedHashMap<>();

    CrashWatch(String scope) {
        this.scope = scope;
    }

    /** From the supervisor's event thread, the moment the fixture's process exits. */
    @Override
    public synchronized void accept(UnexpectedExit crash) {
        boolean known =
                Stream.concat(unblamed.stream(), blamed.keySet().stream()).anyMatch(c -> c.pid() == crash.pid());
        if (!known) {
            unblamed.add(crash);
            LOG.warning(() -> "[tether] " + scope + ": " + crash.withLogTail());
        }
    }

    /** The crashes no test was blamed for yet, now blamed on {@code test}. */
    synchronized List<UnexpectedExit> blameOn(String test) {
        List<UnexpectedExit> now = List.copyOf(unblamed);
        unblamed.clear();
        now.forEach(crash -> blamed.put(crash, test));
        return now;
    }

    /** What an earlier test was blamed for, if anything: a reason not to run the next test's body. */
    synchronized Optional<String> earlierCrash() {
        return blamed.entrySet().stream()
                .findFirst()
                .map(entry -> entry.getKey() + " (during " + entry.getValue() + ")");
    }

    /**
     * After a test: fails it when fixtures of its scopes (its own, its class's) crashed while it ran. Null when
     * none did.
     */
    static AssertionFailedError failureFor(String test, List<CrashWatch> watches) {
        List<UnexpectedExit> crashes = new ArrayList<>();
        watches.forEach(watch -> crashes.addAll(watch.blameOn(test)));
        if (crashes.isEmpty()) {
            return null;
        }
        return new AssertionFailedError(ExtensionMessages.crashedDuring(
                test,
                String.join(
                        "\n", crashes.stream().map(UnexpectedExit::withLogTail).toList())));
    }

    /** Before a test: refuses its body when a fixture of its class's scopes crashed earlier. */
    static void refuseAfterEarlierCrash(String test, List<CrashWatch> watches) {
        for (CrashWatch watch : watches) {
            AssertionFailedError crashedJustBefore = failureFor(test, List.of(watch));
            if (crashedJustBefore != null) {
                throw crashedJustBefore;
            }
            Optional<String> earlier = watch.earlierCrash();
            if (earlier.isPresent()) {
                throw new AssertionFailedError(ExtensionMessages.notRunAfterCrash(test, earlier.get()));
            }
        }
    }
}
