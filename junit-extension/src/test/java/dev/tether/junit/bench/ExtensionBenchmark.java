package dev.tether.junit.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Added cost per test of a method-scoped @ManagedProcess (start, ready by tcp, stop with verification) over
 * a bare ProcessBuilder start/destroy of the same tcp server, both run through JUnit. Prints figures;
 * asserts only that every test passed. Run with {@code mvn -B -pl junit-extension -Pbench verify}.
 *
 * <p>The server is a perl one-liner (perl-base is on every Debian and Ubuntu): it listens within ~10 ms. It was
 * python's http.server, which on the project's machine starts through pyenv's shim in 150-200 ms, varying from
 * round to round by more than the figure measured (a full run of 2026-12-01 spread the added cost over -11.6 to
 * 33.7 ms).
 */
@EnabledOnOs(OS.LINUX)
class ExtensionBenchmark {
    static final int TESTS = 20;
    /** Listens on 127.0.0.1 at the port given as its argument and accepts (and closes) forever. */
    static final String SERVER = "my $s = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => shift,"
            + " Listen => 16, ReuseAddr => 1) or die \"listen: $!\"; while (1) { my $c = $s->accept; close $c if $c }";

    private static final int ROUNDS = 5;

    @Test
    void printPerTestOverhead() throws Exception {
        perTestMillis(FixturePerTestCases.class); // warm-up: supervisor start, class loading, JIT
        perTestMillis(BarePerTestCases.class);
        List<Double> added = new ArrayList<>();
        List<Double> fixture = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            double withFixture = perTestMillis(FixturePerTestCases.class);
            double byHand = perTestMillis(BarePerTestCases.class);
            fixture.add(withFixture);
            bare.add(byHand);
            added.add(withFixture - byHand);
        }
        String table = String.join(
                "\n",
                "| measurement (per test, mean of " + TESTS + " tests, median of " + ROUNDS
                        + " rounds) | median | min | max | target | met |",
                "|---|---|---|---|---|---|",
                row("method-scoped @ManagedProcess: start, ready by tcp, stop", fixture, "", ""),
                row("bare ProcessBuilder start, poll port, destroy, waitFor", bare, "baseline", ""),
                row("added cost per test", added, "<= 5 ms", median(added) <= 5 ? "yes" : "no"));
        System.out.println();
        System.out.println("Tether JUnit extension figures (a perl tcp server)");
        System.out.println(table);
        Files.writeString(Path.of("target", "benchmark-junit.md"), table + "\n");
    }

    private static double perTestMillis(Class<?> cases) {
        long start = System.nanoTime();
        EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(cases))
                .execute()
                .testEvents()
                .assertStatistics(s -> s.succeeded(TESTS));
        return (System.nanoTime() - start) / 1e6 / TESTS;
    }

    private static String row(String name, List<Double> samples, String target, String met) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return String.format(
                Locale.ROOT,
                "| %s | %.2f ms | %.2f | %.2f | %s | %s |",
                name,
                median(samples),
                sorted.get(0),
                sorted.get(sorted.size() - 1),
                target,
                met);
    }

    private static double median(List<Double> samples) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
