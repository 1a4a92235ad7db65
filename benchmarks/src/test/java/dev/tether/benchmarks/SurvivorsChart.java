package dev.tether.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Processes left after the build", per scenario and tool, drawn as an SVG bar chart from the survivors rows of
 * the peers table the benchmark writes (so the picture shows the same run's data as the table). A hung build is
 * drawn as a hatched bar labelled "hangs".
 */
final class SurvivorsChart {
    private static final Pattern ROW = Pattern.compile("^\\| survivors: (.+?) \\|(.*)\\|$");
    private static final Pattern MEDIAN = Pattern.compile("^\\s*(\\d+) \\[");
    private static final String[] COLOURS = {"#2e7d32", "#c62828", "#ef6c00", "#6d4c41"};
    private static final int BAR = 14;
    private static final int UNIT = 40; // pixels per process left
    private static final int LABEL_WIDTH = 330;

    private SurvivorsChart() {}

    /** Regenerates the chart from the table in a markdown file: {@code SurvivorsChart README.md out.svg}. */
    public static void main(String[] args) throws IOException {
        List<String> table = Files.readAllLines(Path.of(args[0]));
        Files.writeString(Path.of(args[1]), svg(table));
    }

    static String svg(List<String> tableLines) {
        List<String> tools = new ArrayList<>();
        List<String> scenarios = new ArrayList<>();
        List<List<Integer>> counts = new ArrayList<>(); // -1: the build hung
        for (String line : tableLines) {
            if (line.startsWith("| measurement | Tether")) {
                String[] cells = line.split("\\|");
                for (int i = 2; i < cells.length; i++) {
                    tools.add(cells[i].trim());
                }
            }
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                scenarios.add(row.group(1));
                List<Integer> values = new ArrayList<>();
                for (String cell : row.group(2).split("\\|")) {
                    Matcher median = MEDIAN.matcher(cell);
                    values.add(median.find() ? Integer.parseInt(median.group(1)) : -1);
                }
                counts.add(values);
            }
        }
        if (tools.isEmpty() || scenarios.isEmpty()) {
            throw new IllegalStateException("no peers table with survivors rows to draw");
        }
        int groupHeight = tools.size() * (BAR + 2) + 18;
        int height = 50 + scenarios.size() * groupHeight;
        int width = LABEL_WIDTH + 7 * UNIT + 80;
        StringBuilder svg = new StringBuilder(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                        + " font-size=\"12\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
                        + "<defs><pattern id=\"hung\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
                        + "<path d=\"M0,6 L6,0\" stroke=\"#c62828\" stroke-width=\"2\"/></pattern></defs>\n"
                        + "<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">Processes still running"
                        + " after the build (median of the benchmark's runs)</text>\n",
                width,
                height));
        int y = 44;
        for (int s = 0; s < scenarios.size(); s++) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"10\" y=\"%d\" font-weight=\"bold\">%s</text>\n",
                    y + 12,
                    escape(scenarios.get(s))));
            for (int t = 0; t < tools.size(); t++) {
                int value = t < counts.get(s).size() ? counts.get(s).get(t) : 0;
                int barY = y + 16 + t * (BAR + 2);
                if (value < 0) {
                    svg.append(String.format(
                            Locale.ROOT,
                            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"url(#hung)\"/>"
                                    + "<text x=\"%d\" y=\"%d\">build hangs</text>\n",
                            LABEL_WIDTH,
                            barY,
                            3 * UNIT,
                            BAR,
                            LABEL_WIDTH + 3 * UNIT + 6,
                            barY + 11));
                } else {
                    svg.append(String.format(
                            Locale.ROOT,
                            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>"
                                    + "<text x=\"%d\" y=\"%d\">%d</text>\n",
                            LABEL_WIDTH,
                            barY,
                            Math.max(2, value * UNIT),
                            BAR,
                            COLOURS[t % COLOURS.length],
                            LABEL_WIDTH + Math.max(2, value * UNIT) + 6,
                            barY + 11,
                            value));
                }
                svg.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#555\">%s</text>\n",
                        LABEL_WIDTH - 8,
                        barY + 11,
                        escape(tools.get(t))));
            }
            y += groupHeight;
        }
        return svg.append("</svg>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("`", "");
    }
}
