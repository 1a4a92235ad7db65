package dev.tether.junit;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a {@link ManagedProcess} tree is stopped: the signal to every process of the tree, the grace period, then
 * KILL, which always ends it. After the stop, a check that nothing of the tree survived.
 *
 * <pre>{@code
 * stop = @Stop(signal = "QUIT", grace = "5s")       // nginx's graceful shutdown
 * stop = @Stop(steps = "INT 2s, TERM 5s")           // several steps before KILL
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Stop {
    /** TERM, INT, HUP, QUIT, USR1, USR2 or KILL. */
    String signal() default "TERM";

    /** Wait after {@link #signal()} before KILL, e.g. {@code 5s}. */
    String grace() default "10s";

    /** Several steps instead, e.g. {@code INT 2s, TERM 5s}. */
    String steps() default "";
}
