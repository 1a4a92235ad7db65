package dev.tether.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's closing section: every target this run did not meet, its figure and target, and the paragraph
 * of the Benchmarks page that breaks the cost down and says what remains. The performance issue asks the report
 * to show each target met or say why it is not; the why is measured work that lives on that page, so the report
 * points to it by the paragraph's bold title (the engine's ReadmeBenchmarkTableTest checks every title exists).
 */
final class NotMetSection {
    /** A figure with a target: what the row measures, this run's value, the target as the report writes it. */
    record Figure(String measurement, String value, String target) {}

    static final String HEADING = "## Not met in this run, and where the breakdown is";
    /** The Benchmarks page's summary section: where a measurement no paragraph is known for points. */
    private static final String SUMMARY = "Where the time goes, and what is not met";

    /**
     * Words of a measurement, in the order tried, to the bold title of the Benchmarks page's paragraph about it.
     * Only a first match counts: "supervisor VmRSS" must reach Memory before anything else.
     */
    private static final Map<String, String> PARAGRAPHS = new LinkedHashMap<>();

    static {
        PARAGRAPHS.put("VmRSS", "Memory");
        PARAGRAPHS.put("resident memory", "Memory");
        PARAGRAPHS.put("cold start", "Supervisor cold start");
        PARAGRAPHS.put("SIGKILL", "Owner SIGKILL");
        PARAGRAPHS.put("fail-fast", "Fail-fast");
        PARAGRAPHS.put("per test", "Per-test cost");
        PARAGRAPHS.put("time to ready", "Server listens -> next Maven mojo starts");
        PARAGRAPHS.put("build wall", "Build wall time over exec-maven-plugin `async`");
        PARAGRAPHS.put("CPU while", "Idle supervisor");
        PARAGRAPHS.put("readiness", "Readiness");
        PARAGRAPHS.put("spawn", "Spawn");
        PARAGRAPHS.put("stop", "Stop and its verification");
    }

    private NotMetSection() {}

    /** Every paragraph title this section may point to. */
    static List<String> paragraphs() {
        List<String> titles = new ArrayList<>(PARAGRAPHS.values());
        titles.add(SUMMARY);
        return titles.stream().distinct().toList();
    }

    /**
     * The section for a report: its table rows whose last cell says "no", then the figures whose target is
     * relative to a peer or a baseline, which the benchmark judged itself ({@code relative}, only those not met).
     */
    static String render(String report, List<Figure> relative) {
        List<Figure> notMet = new ArrayList<>(notMetRows(report));
        notMet.addAll(relative);
        StringBuilder section = new StringBuilder("\n").append(HEADING).append("\n\n");
        if (notMet.isEmpty()) {
            return section.append("Every target was met.\n").toString();
        }
        section.append("Each of these paragraphs of the [Benchmarks page](benchmarks.html) measures where the time"
                        + " or the memory goes, what changed, and what remains.\n\n")
                .append("| measurement | this run | target | breakdown |\n|---|---|---|---|\n");
        for (Figure figure : notMet) {
            section.append("| ")
                    .append(figure.measurement())
                    .append(" | ")
                    .append(figure.value())
                    .append(" | ")
                    .append(figure.target())
                    .append(" | **")
                    .append(paragraphOf(figure.measurement()))
                    .append("** |\n");
        }
        return section.toString();
    }

    /** The bold title of the paragraph about a measurement; the page's summary section when none is known. */
    static String paragraphOf(String measurement) {
        String lower = measurement.toLowerCase(Locale.ROOT);
        return PARAGRAPHS.entrySet().stream()
                .filter(e -> lower.contains(e.getKey().toLowerCase(Locale.ROOT)))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(SUMMARY);
    }

    /**
     * Rows of the report's target tables judged "no": the figure is the second cell, the target the one before
     * the last. Tables without a met column (the peers') never end a row with "no".
     */
    private static List<Figure> notMetRows(String report) {
        List<Figure> rows = new ArrayList<>();
        for (String line : report.lines().toList()) {
            if (!line.startsWith("|")) {
                continue;
            }
            List<String> cells = Arrays.stream(line.substring(1).split("\\|", -1))
                    .map(String::trim)
                    .toList();
            cells = cells.subList(0, cells.size() - 1); // the text after the closing '|'
            if (cells.size() >= 4 && cells.get(cells.size() - 1).equals("no")) {
                rows.add(new Figure(cells.get(0), cells.get(1), cells.get(cells.size() - 2)));
            }
        }
        return rows;
    }
}
