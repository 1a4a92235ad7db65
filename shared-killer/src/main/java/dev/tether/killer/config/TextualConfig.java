package dev.tether.killer.config;

import dev.tether.killer.InvalidSpecException;
import dev.tether.killer.process.Signal;
import dev.tether.killer.stop.StopPolicy;
import dev.tether.killer.text.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Readiness and stop settings as users write them (in a POM, in an annotation), turned into engine values.
 * One place for both adapters, so {@code <status>200-299</status>} and {@code status = "200-299"} can never
 * mean different things. {@code where} names the element in every error, e.g. {@code <process> 'web' <ready>}.
 */
public final class TextualConfig {
    private TextualConfig() {}

    public static Readiness readiness(ReadySettings ready, String where) {
        try {
            return parseReadiness(ready, where);
        } catch (InvalidSpecException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException(e.getMessage());
        }
    }

    private static Readiness parseReadiness(ReadySettings ready, String where) {
        List<Probe> probes = new ArrayList<>();
        if (present(ready.tcp)) {
            probes.add(new Probe.Tcp("127.0.0.1", ready.tcp.trim()));
        }
        if (present(ready.http)) {
            int[] range = statusRange(ready.status, where);
            probes.add(new Probe.Http(ready.http.trim(), range[0], range[1], present(ready.body) ? ready.body : null));
        }
        if (present(ready.log)) {
            probes.add(new Probe.Log(ready.log, Math.max(1, ready.occurrence)));
        }
        if (present(ready.file)) {
            probes.add(new Probe.FileExists(ready.file.trim()));
        }
        if (present(ready.command)) {
            probes.add(new Probe.Command(CommandLine.split(where, ready.command.trim())));
        }
        if (present(ready.delay)) {
            probes.add(new Probe.Delay(Durations.parse(ready.delay, "delay of " + where)));
        }
        Duration timeout = present(ready.timeout)
                ? Durations.parse(ready.timeout, "timeout of " + where)
                : Readiness.DEFAULT_TIMEOUT;
        String mode = present(ready.mode) ? ready.mode.trim() : "all";
        if (!mode.equals("all") && !mode.equals("any")) {
            throw InvalidSpecException.located(ConfigMessages.badMode(where, mode));
        }
        return new Readiness(probes, mode.equals("any"), timeout);
    }

    /** {@code 200}, {@code 200-299}; blank is the default 200-399. */
    static int[] statusRange(String status, String where) {
        if (!present(status)) {
            return new int[] {200, 399};
        }
        String[] bounds = status.trim().split("-");
        try {
            int low = Integer.parseInt(bounds[0].trim());
            int high = bounds.length > 1 ? Integer.parseInt(bounds[1].trim()) : low;
            if (bounds.length > 2 || low < 100 || high > 599 || low > high) {
                throw new NumberFormatException();
            }
            return new int[] {low, high};
        } catch (NumberFormatException e) {
            throw InvalidSpecException.located(ConfigMessages.badStatus(where, status));
        }
    }

    /** {@code steps} ("INT 5s, TERM 5s") wins; otherwise signal (default TERM) and grace (default 10s). */
    public static StopPolicy stopPolicy(String signal, String grace, String steps, String where) {
        try {
            if (present(steps)) {
                return StopPolicy.parse(steps);
            }
            return StopPolicy.gracefulThenKill(
                    Signal.parse(present(signal) ? signal.trim() : "TERM"),
                    Durations.parse(present(grace) ? grace.trim() : "10s", "grace"));
        } catch (InvalidSpecException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw InvalidSpecException.at(where, e.getMessage());
        }
    }

    public static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
