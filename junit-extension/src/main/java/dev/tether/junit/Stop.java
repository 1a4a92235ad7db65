package dev.tether.junit;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** How a {@link ManagedProcess} tree is stopped; KILL always ends it. */
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
