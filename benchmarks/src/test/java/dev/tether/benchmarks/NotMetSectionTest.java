package dev.tether.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs before the benchmark (surefire, bench profile), so a wrong pointer fails in seconds, not at the end. */
class NotMetSectionTest {
    private static final String REPORT = String.join(
            "\n",
            "| measurement | Tether | process-exec-maven-plugin 0.9 |",
            "|---|---|---|",
            "| survivors: setsid child | 0 [0..0] | 1 [1..1] |",
            "",
            "| measurement | median | min | max | n | target | met |",
            "|---|---|---|---|---|---|---|",
            "| spawn /bin/true until exit known, through the supervisor | 4.46 ms | 2.37 | 94.02 | 60 | <= ProcessBuilder | no |",
            "| stop a cooperative 10-process tree until all dead | 5.99 ms | 3.96 | 12.17 | 30 | <= 10 ms | yes |",
            "| limit: that tree TERMed as a group from this JVM, until all dead | 4.10 ms | 3.01 | 9.50 | 30 | limit |  |",
            "| supervisor cold start (launch until it answers) | 217.92 ms | 184.23 | 230.67 | 10 | <= 60 ms | no |",
            "| limit: a hello-world JVM with the supervisor's command | 120.50 ms | 101.00 | 140.00 | 10 | limit |  |",
            "| 10 fixtures: supervisor VmRSS while they run | 41.91 MB | 41.91 | 41.91 | 1 | <= 40 MB | no |",
            "| supervisor resident memory (VmRSS) after the spawn runs | 39.50 MB | 39.50 | 39.50 | 1 | <= 40 MB | yes |",
            "| limit: that hello-world JVM's VmRSS once it printed | 34.20 MB | 34.10 | 34.30 | 10 | limit |  |",
            "",
            "| measurement (per test) | median | min | max | target | met |",
            "|---|---|---|---|---|---|",
            "| added cost per test | 6.84 ms | 4.52 | 10.59 | <= 5 ms | no |",
            "| something new and unmapped | 9 ms | 9 | 9 | <= 1 ms | no |");

    @Test
    void listsEveryRowJudgedNoThenTheTimingsWithTheLimitBelowEachAndTheParagraphAboutIt() {
        String section = NotMetSection.render(
                REPORT, List.of(new NotMetSection.Figure("time to ready", "18 ms", "<= 15 ms", "3 ms (bare)")));

        List<String> rows = section.lines()
                .filter(l -> l.startsWith("| ") && !l.startsWith("| measurement"))
                .toList();
        assertEquals(
                List.of(
                        "| spawn /bin/true until exit known, through the supervisor | 4.46 ms | <= ProcessBuilder"
                                + " | not measured | **Spawn** |",
                        "| supervisor cold start (launch until it answers) | 217.92 ms | <= 60 ms | 120.50 ms"
                                + " | **Supervisor cold start** |",
                        "| 10 fixtures: supervisor VmRSS while they run | 41.91 MB | <= 40 MB | 34.20 MB | **Memory** |",
                        "| added cost per test | 6.84 ms | <= 5 ms | not measured | **Per-test cost** |",
                        "| something new and unmapped | 9 ms | <= 1 ms | not measured"
                                + " | **Where the time goes, and what is not met** |",
                        "| time to ready | 18 ms | <= 15 ms | 3 ms (bare) | **Server listens -> next Maven mojo starts** |"),
                rows);
    }

    @Test
    void saysSoWhenEveryTargetWasMet() {
        assertTrue(
                NotMetSection.render("| a | 1 ms | <= 2 ms | yes |", List.of()).contains("Every target was met."));
    }

    @Test
    void everyParagraphItPointsToIsOnTheBenchmarksPage() throws IOException {
        String page = Files.readString(Path.of("..", "site", "markdown", "benchmarks.md"));
        for (String title : NotMetSection.paragraphs()) {
            assertTrue(
                    page.contains("* **" + title + "**") || page.contains("## " + title),
                    "site/markdown/benchmarks.md has no paragraph '" + title + "'");
        }
    }
}
