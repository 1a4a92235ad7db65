package dev.tether.killer.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Samples of one measurement, printed as median [min..max] beside its target and whether the median meets it. */
final class Figures {
    private final String name;
    private final String unit;
    private final String target;
    private final List<Double> samples = new ArrayList<>();
    /** Set when the target is another figure of the same run ("<= ProcessBuilder"): met when at most its median. */
    private Figures baseline;

    Figures(String name, String unit, String target) {
        this.name = name;
        this.unit = unit;
        this.target = target;
    }

    /** This figure's target is {@code other}'s median, measured beside it in the same run. */
    Figures atMost(Figures other) {
        this.baseline = other;
        return this;
    }

    void add(double sample) {
        samples.add(sample);
    }

    void addNanosAsMillis(long nanos) {
        add(nanos / 1_000_000.0);
    }

    double median() {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    String row() {
        return String.format(
                Locale.ROOT,
                "| %-58s | %9.2f %-2s | %8.2f | %8.2f | %4d | %-14s | %-4s |",
                name,
                median(),
                unit,
                Collections.min(samples),
                Collections.max(samples),
                samples.size(),
                target,
                met());
    }

    /**
     * "yes" or "no" for a numeric target ("<= 5 ms") or another figure of the run; blank for a baseline or a
     * comparison made elsewhere.
     */
    String met() {
        if (baseline != null) {
            return median() <= baseline.median() ? "yes" : "no";
        }
        Matcher limit = Pattern.compile("<= ([0-9.]+) ").matcher(target + " ");
        if (!limit.lookingAt()) {
            return "";
        }
        return median() <= Double.parseDouble(limit.group(1)) ? "yes" : "no";
    }

    static String header() {
        return "| measurement                                                | median       |      min |      max |    n | target         | met  |\n"
                + "|------------------------------------------------------------|--------------|----------|----------|------|----------------|------|";
    }
}
