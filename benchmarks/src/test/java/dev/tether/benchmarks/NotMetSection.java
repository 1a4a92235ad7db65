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
    /**
     * A figure with a target: what the row measures, this run's value, the target as the report writes it, and what
     * the machine itself charges for the same work in this run ("" when the run does not measure it).
     */
    record Figure(String measurement, String value, String target, String limit) {
        Figure withLimit(String measured) {
            return new Figure(measurement, value, target, measured);
        }
    }

    /** The target cell of a row that measures the machine's own cost of the row above it (the engine's Figures). */
    static final String LIMIT_TARGET = "limit";

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
                        + " or the memory goes, what changed, and what remains. The limit is the same work done the"
                        + " least way this machine allows, measured beside it in this run (each limit's row above"
                        + " says how).\n\n")
                .append("| measurement | this run | target | limit in this run | breakdown |\n|---|---|---|---|---|\n");
        for (Figure figure : notMet) {
            section.append("| ")
                    .append(figure.measurement())
                    .append(" | ")
                    .append(figure.value())
                    .append(" | ")
                    .append(figure.target())
                    .append(" | ")
                    .append(figure.limit().isEmpty() ? "not measured" : figure.limit())
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
     * the last, and the limit the second cell of the next row when that row's target is {@link #LIMIT_TARGET}. A row
     * without a limit of its own takes the one measured for another row of its paragraph (the supervisor's memory
     * at every scale has the one hello-world JVM for limit). Tables without a met column (the peers') never end a
     * row with "no".
     */
    private static List<Figure> notMetRows(String report) {
        List<List<String>> table = report.lines()
                .filter(line -> line.startsWith("|"))
                .map(NotMetSection::cells)
                .toList();
        Map<String, String> limitOfParagraph = new LinkedHashMap<>();
        List<Figure> rows = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            List<String> cells = table.get(i);
            List<String> next = i + 1 < table.size() ? table.get(i + 1) : List.of();
            String limit = next.size() >= 4 && next.get(next.size() - 2).equals(LIMIT_TARGET) ? next.get(1) : "";
            if (!limit.isEmpty()) {
                limitOfParagraph.putIfAbsent(paragraphOf(cells.get(0)), limit);
            }
            if (cells.size() >= 4 && cells.get(cells.size() - 1).equals("no")) {
                rows.add(new Figure(cells.get(0), cells.get(1), cells.get(cells.size() - 2), limit));
            }
        }
        return rows.stream()
                .map(row -> row.limit().isEmpty()
                        ? row.withLimit(limitOfParagraph.getOrDefault(paragraphOf(row.measurement()), ""))
                        : row)
                .toList();
    }

    private static List<String> cells(String line) {
        List<String> cells = Arrays.stream(line.substring(1).split("\\|", -1))
                .map(String::trim)
                .toList();
        return cells.subList(0, cells.size() - 1); // the text after the closing '|'
    }
}
