package dev.tether.maven;

/**
 * {@code <ready>}: the probes that say a process is ready. All configured probes must pass ({@code <mode>any</mode>}:
 * one is enough), within {@code <timeout>}.
 */
public class ReadyConfig {
    /** A port that accepts TCP connections on 127.0.0.1: a number, a port name, or ${tether.port.NAME}. */
    private String tcp;
    /** A URL answering an HTTP(S) GET (certificates are not checked). */
    private String http;
    /** Accepted HTTP status range for {@code <http>}, e.g. {@code 200-299} or {@code 204}; default 200-399. */
    private String status;
    /** A regular expression the HTTP body must contain. */
    private String body;
    /** A regular expression that must appear in the process's log. */
    private String log;
    /** How many log lines must match {@code <log>}; default 1. */
    private int occurrence = 1;
    /** A file that must exist (relative to the working directory). */
    private String file;
    /** A command line that must exit 0. */
    private String command;
    /** A fixed wait, e.g. {@code 2s}. */
    private String delay;
    /** How long to wait for readiness, e.g. {@code 30s}; default 60s. */
    private String timeout;
    /** {@code all} (default) or {@code any}. */
    private String mode;

    public String getTcp() {
        return tcp;
    }

    public String getHttp() {
        return http;
    }

    public String getStatus() {
        return status;
    }

    public String getBody() {
        return body;
    }

    public String getLog() {
        return log;
    }

    public int getOccurrence() {
        return occurrence;
    }

    public String getFile() {
        return file;
    }

    public String getCommand() {
        return command;
    }

    public String getDelay() {
        return delay;
    }

    public String getTimeout() {
        return timeout;
    }

    public String getMode() {
        return mode;
    }
}
