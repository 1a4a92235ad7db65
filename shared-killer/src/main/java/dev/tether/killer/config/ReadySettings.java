package dev.tether.killer.config;

/**
 * Every readiness setting as a user wrote it, by name; null or blank means not set. Both adapters fill one
 * (from {@code <ready>} and from {@code @Ready}) and {@link TextualConfig#readiness} reads it, so a setting
 * can never mean one thing in a POM and another in an annotation, and a new setting is one method here.
 */
public final class ReadySettings {
    String tcp;
    String http;
    String status;
    String body;
    String log;
    int occurrence = 1;
    String file;
    String command;
    String delay;
    String timeout;
    String mode;

    public static ReadySettings written() {
        return new ReadySettings();
    }

    /** A port name, number or placeholder that must accept connections. */
    public ReadySettings tcp(String value) {
        tcp = value;
        return this;
    }

    /** A URL that must answer with an accepted status (and body). */
    public ReadySettings http(String value) {
        http = value;
        return this;
    }

    /** {@code 200} or {@code 200-299}; default 200-399. */
    public ReadySettings status(String value) {
        status = value;
        return this;
    }

    /** A regular expression the HTTP body must contain. */
    public ReadySettings body(String value) {
        body = value;
        return this;
    }

    /** A regular expression a line of the fixture's log must match. */
    public ReadySettings log(String value) {
        log = value;
        return this;
    }

    /** How many log lines must match (at least 1). */
    public ReadySettings occurrence(int value) {
        occurrence = value;
        return this;
    }

    /** A file that must exist (relative to the working directory). */
    public ReadySettings file(String value) {
        file = value;
        return this;
    }

    /** A command line that must exit 0. */
    public ReadySettings command(String value) {
        command = value;
        return this;
    }

    /** A fixed delay, e.g. {@code 2s}. */
    public ReadySettings delay(String value) {
        delay = value;
        return this;
    }

    /** How long to wait for readiness, e.g. {@code 30s}. */
    public ReadySettings timeout(String value) {
        timeout = value;
        return this;
    }

    /** {@code all} (default) or {@code any} of the probes. */
    public ReadySettings mode(String value) {
        mode = value;
        return this;
    }
}
