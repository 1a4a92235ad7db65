package dev.tether.killer.text;

/**
 * What is said when a duration or a size is written wrongly. {@code what} names the setting (e.g. "grace of
 * step 1"); every message shows the text as written and how to write it.
 */
public final class TextMessages {
    private TextMessages() {}

    public static String negativeDuration(String what, String text) {
        return "The " + what + " is negative: '" + text + "'. Give a positive duration such as 10s or 500ms.";
    }

    public static String durationTooLong(String what, String text, String most) {
        return "The " + what + " '" + text + "' is longer than " + most + ", the most Tether accepts for any wait."
                + " Give a shorter duration, such as 30s or 10m.";
    }

    public static String notADuration(String what, String text) {
        return "The " + what + " '" + text + "' is not a duration. Write a number with a unit: 500ms, 10s, 2m, 1h"
                + " or combined as 1m30s.";
    }

    public static String notASize(String what, String text) {
        return "The " + what + " '" + text + "' is not a size. Write a number with an optional unit: 65536, 512k,"
                + " 64m or 1g.";
    }

    public static String sizeTooSmall(String what, String text) {
        return "The " + what + " '" + text + "' is out of range: give at least 4k.";
    }
}
