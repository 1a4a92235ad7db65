package dev.tether.killer.text;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints durations the way users write them in a POM or annotation: 10s, 500ms, 2m, 1m30s. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");
    /** Longer than any build should wait for one thing; also keeps every sum and nanosecond count in range. */
    public static final Duration MAX = Duration.ofDays(1);

    private Durations() {}

    /**
     * @param what names the setting in the error message, e.g. {@code "grace of step 1"}
     * @throws IllegalArgumentException with the value, the setting and the accepted form
     */
    public static Duration parse(String text, String what) {
        String value = text == null ? "" : text.trim();
        if (value.startsWith("-")) {
            throw new IllegalArgumentException(TextMessages.negativeDuration(what, text));
        }
        Matcher matcher = PART.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (matcher.lookingAt()) {
            try {
                long amount = Long.parseLong(matcher.group(1));
                total = total.plus(
                        switch (matcher.group(2)) {
                            case "ms" -> Duration.ofMillis(amount);
                            case "s" -> Duration.ofSeconds(amount);
                            case "m" -> Duration.ofMinutes(amount);
                            default -> Duration.ofHours(amount);
                        });
            } catch (ArithmeticException | NumberFormatException e) {
                total = MAX.plusMillis(1); // too large to count: reported as too long below
            }
            if (total.compareTo(MAX) > 0) {
                throw new IllegalArgumentException(TextMessages.durationTooLong(what, text, format(MAX)));
            }
            end = matcher.end();
            matcher.region(end, value.length());
        }
        if (value.isEmpty() || end != value.length()) {
            throw new IllegalArgumentException(TextMessages.notADuration(what, text));
        }
        return total;
    }

    /** The shortest exact form: 10s, 500ms, 1m30s. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0ms";
        }
        StringBuilder out = new StringBuilder();
        long[] units = {3_600_000, 60_000, 1_000, 1};
        String[] names = {"h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (millis >= units[i]) {
                out.append(millis / units[i]).append(names[i]);
                millis %= units[i];
            }
        }
        return out.toString();
    }
}
