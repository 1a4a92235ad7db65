package dev.tether.killer.config;

import dev.tether.killer.InvalidSpecException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${tether.port.NAME}} and surefire's late form {@code @{tether.port.NAME}} with port numbers.
 * Any other {@code ${...}} is left alone (it belongs to Maven or to the user's program).
 */
public final class Placeholders {
    private static final Pattern PORT = Pattern.compile("[$@]\\{tether\\.port\\.([^}]*)}");

    private final Map<String, Integer> ports;

    public Placeholders(Map<String, Integer> ports) {
        this.ports = Map.copyOf(ports);
    }

    /** @param where names the setting for the error, e.g. "the command of fixture 'web'" */
    public String resolve(String text, String where) {
        Matcher matcher = PORT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            Integer port = ports.get(name);
            if (port == null) {
                throw unknown(matcher.group(), name, where, ports.keySet());
            }
            matcher.appendReplacement(out, Integer.toString(port));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** Checks without replacing: every placeholder must name a declared port. */
    static void check(String text, String where, Set<String> declared) {
        Matcher matcher = PORT.matcher(text);
        while (matcher.find()) {
            if (!declared.contains(matcher.group(1))) {
                throw unknown(matcher.group(), matcher.group(1), where, declared);
            }
        }
    }

    private static InvalidSpecException unknown(String placeholder, String name, String where, Set<String> declared) {
        return InvalidSpecException.located(
                ConfigMessages.unknownPlaceholder(where, placeholder, name, List.copyOf(new TreeSet<>(declared))));
    }
}
