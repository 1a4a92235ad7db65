package dev.tether.junit;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * When a {@link ManagedProcess} counts as ready: every probe given (or any, with {@link #any()}). Without one,
 * it is ready once started. A fixture that exits before it is ready, or is not ready within the timeout, fails
 * the test at once with the reason and the end of its log.
 *
 * <pre>{@code
 * ready = @Ready(tcp = "db", log = "database system is ready", timeout = "60s")   // both
 * ready = @Ready(http = "http://127.0.0.1:${tether.port.web}/health", status = "200", body = "UP")
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Ready {
    /** A port accepting TCP on 127.0.0.1: a port name, a number, or ${tether.port.NAME}. */
    String tcp() default "";

    /** A URL answering an HTTP(S) GET (certificates not checked). */
    String http() default "";

    /** Accepted status for {@link #http()}: {@code 200} or {@code 200-299}; default 200-399. */
    String status() default "";

    /** A regular expression the HTTP body must contain. */
    String body() default "";

    /** A regular expression that must appear in the process's log. */
    String log() default "";

    /** How many log lines must match {@link #log()}. */
    int occurrence() default 1;

    /** A file that must exist. */
    String file() default "";

    /** A command line that must exit 0. */
    String command() default "";

    /** A fixed wait, e.g. {@code 2s}. */
    String delay() default "";

    /** How long to wait, e.g. {@code 30s}. */
    String timeout() default "60s";

    /** One passing probe is enough. */
    boolean any() default false;
}
