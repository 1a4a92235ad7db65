package dev.tether.killer.text;

import dev.tether.killer.InvalidSpecException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses sizes the way users write them: 64m, 512k, 1g, or plain bytes. */
public final class ByteSizes {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})([kmg]?)b?");

    private ByteSizes() {}

    /**
     * @throws InvalidSpecException naming the setting, the value and the accepted form
     */
    public static long parse(String text, String what) {
        Matcher matcher = SIZE.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new InvalidSpecException(TextMessages.notASize(what, text));
        }
        long amount = Long.parseLong(matcher.group(1));
        int shift = switch (matcher.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        if (amount > (Long.MAX_VALUE >> shift) || amount << shift < 4096) {
            throw new InvalidSpecException(TextMessages.sizeTooSmall(what, text));
        }
        return amount << shift;
    }
}
