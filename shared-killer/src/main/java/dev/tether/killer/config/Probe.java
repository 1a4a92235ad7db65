package dev.tether.killer.config;

import dev.tether.killer.text.Durations;
import java.time.Duration;
import java.util.List;

/**
 * One readiness check, as configured. Strings may hold port placeholders ({@code ${tether.port.web}}), which
 * are replaced before the fixture starts.
 */
public sealed interface Probe {
    /** A TCP connection to {@code host:port} is accepted; {@code port} is a number, a port name or a placeholder. */
    record Tcp(String host, String port) implements Probe {
        @Override
        public String toString() {
            return "tcp " + host + ":" + port;
        }
    }

    /** An HTTP(S) GET answers with a status in [minStatus, maxStatus] and, if given, a body matching bodyRegex. */
    record Http(String url, int minStatus, int maxStatus, String bodyRegex) implements Probe {
        @Override
        public String toString() {
            return "http " + url + " (status " + minStatus + "-" + maxStatus
                    + (bodyRegex == null ? "" : ", body ~ /" + bodyRegex + "/") + ")";
        }
    }

    /** The fixture's log has at least {@code occurrence} lines matching {@code regex}. */
    record Log(String regex, int occurrence) implements Probe {
        @Override
        public String toString() {
            return "log /" + regex + "/" + (occurrence > 1 ? " x" + occurrence : "");
        }
    }

    /** A file exists. */
    record FileExists(String path) implements Probe {
        @Override
        public String toString() {
            return "file " + path;
        }
    }

    /** A command exits 0. */
    record Command(List<String> argv) implements Probe {
        @Override
        public String toString() {
            return "command " + String.join(" ", argv);
        }
    }

    /** A fixed time has passed since the fixture started. */
    record Delay(Duration delay) implements Probe {
        @Override
        public String toString() {
            return "delay " + Durations.format(delay);
        }
    }
}
