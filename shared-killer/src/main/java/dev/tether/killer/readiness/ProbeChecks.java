package dev.tether.killer.readiness;

import dev.tether.killer.InvalidSpecException;
import dev.tether.killer.config.Placeholders;
import dev.tether.killer.config.Probe;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Turns configured {@link Probe}s into {@link ProbeCheck}s for one running fixture. */
public final class ProbeChecks {

    private ProbeChecks() {}

    /** The check for a probe; its {@link ProbeCheck#description()} shows the real port numbers and paths. */
    public static ProbeCheck of(Probe probe, ProbeContext context) {
        ProbeCheck check = checkOf(probe, context);
        String resolved = context.placeholders().resolve(probe.toString(), "the readiness probe '" + probe + "'");
        if (probe instanceof Probe.Tcp tcp
                && context.ports().containsKey(tcp.port().trim())) {
            resolved = "tcp " + tcp.host() + ":" + check.listeningPortOrAny() + " (port "
                    + tcp.port().trim() + ")";
        }
        return new DescribedCheck(check, resolved);
    }

    private static ProbeCheck checkOf(Probe probe, ProbeContext context) {
        String where = "the readiness probe '" + probe + "' of " + context.who();
        Placeholders placeholders = context.placeholders();
        if (probe instanceof Probe.Tcp tcp) {
            return new TcpCheck(placeholders.resolve(tcp.host(), where), port(tcp.port(), context, where));
        }
        if (probe instanceof Probe.Http http) {
            return new HttpCheck(
                    url(placeholders.resolve(http.url(), where), where),
                    http.minStatus(),
                    http.maxStatus(),
                    pattern(http.bodyRegex(), where));
        }
        if (probe instanceof Probe.Log log) {
            return new LogCheck(context.logFile(), pattern(log.regex(), where), log.occurrence());
        }
        if (probe instanceof Probe.FileExists file) {
            return new FileCheck(context.workingDirectory().resolve(placeholders.resolve(file.path(), where)));
        }
        if (probe instanceof Probe.Command command) {
            return new CommandCheck(
                    context,
                    command.argv().stream()
                            .map(a -> placeholders.resolve(a, where))
                            .toList());
        }
        Probe.Delay delay = (Probe.Delay) probe;
        return new DelayCheck(context.startedNanos() + delay.delay().toNanos());
    }

    /** A tcp port is a number, a port name of the group, or a placeholder. */
    private static int port(String text, ProbeContext context, String where) {
        String value = context.placeholders().resolve(text.trim(), where);
        Integer named = context.ports().get(value);
        if (named != null) {
            return named;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw InvalidSpecException.located(ReadinessMessages.notAPort(
                    where, text, context.ports().keySet().toString()));
        }
    }

    private static URL url(String text, String where) {
        try {
            return URI.create(text).toURL();
        } catch (IllegalArgumentException | IOException e) {
            throw InvalidSpecException.located(ReadinessMessages.notAUrl(where, text, e.getMessage()));
        }
    }

    private static Pattern pattern(String regex, String where) {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw InvalidSpecException.located(ReadinessMessages.badRegex(where, e.getMessage()));
        }
    }
}
