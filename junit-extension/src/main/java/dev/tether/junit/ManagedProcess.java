package dev.tether.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A process (and every process it starts) that lives for a test class or a test method and is always
 * reaped after it, whatever happens: a failed test, an error, a timeout, a sibling that could not start, or
 * the JVM being killed.
 *
 * <p>On a class: started once before all its tests (and those of its {@code @Nested} classes), in
 * {@link #needs()} order, and reaped after them. On a method: started before that test and reaped after it.
 * Inject with {@link Fixture @Fixture("id") ProcessFixture}. {@code ${tether.port.NAME}} works in the command,
 * environment values, the working directory and readiness probes.
 *
 * <pre>{@code
 * @ManagedProcess(id = "api",
 *     command = {"npm", "run", "dev", "--", "--port", "${tether.port.http}"},
 *     ports = "http",
 *     ready = @Ready(http = "http://127.0.0.1:${tether.port.http}/health", timeout = "60s"),
 *     stop = @Stop(signal = "INT", grace = "5s"))
 * class CheckoutIT {
 *     @Test
 *     void pays(@Fixture("api") ProcessFixture api) {
 *         URI base = URI.create("http://127.0.0.1:" + api.port("http"));
 *         // ... the whole npm -> node tree is reaped after the class, however it ends
 *     }
 *
 *     @Test
 *     @ManagedProcess(id = "mock", command = "python3 mock.py ${tether.port.mock}", ports = "mock",
 *         ready = @Ready(tcp = "mock"))
 *     void refunds(@Fixture("mock") ProcessFixture mock) { } // lives for this test only
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Repeatable(ManagedProcesses.class)
@ExtendWith(ManagedProcessExtension.class)
public @interface ManagedProcess {
    /** Unique id in its scope; names the log file and the injected fixture. */
    String id();

    /**
     * argv; a single element is split into words like a shell would (no shell runs). Give this or {@link
     * #javaMain()}.
     */
    String[] command() default {};

    /**
     * A Java main class (e.g. {@code com.example.App}) run instead of a command, with the test JVM's
     * {@code java.home} and class path, {@link #jvmArgs()} and {@link #args()}; reaped like any other tree.
     *
     * @since 0.2.0
     */
    String javaMain() default "";

    /** JVM options for {@link #javaMain()}, e.g. {@code -Dserver.port=${tether.port.web}}. */
    String[] jvmArgs() default {};

    /** Program arguments for {@link #javaMain()}. */
    String[] args() default {};

    /** Working directory; default the current one (the module directory under Maven). */
    String workingDirectory() default "";

    /** {@code KEY=value} entries added to the environment. */
    String[] environment() default {};

    /**
     * A .env file of {@code KEY=VALUE} lines (relative to the current directory: the module directory under
     * Maven); {@link #environment()} entries win over it.
     */
    String environmentFile() default "";

    /** Named ports: {@code web} for a free one, {@code web=8080} for a fixed one. */
    String[] ports() default {};

    /** When the process is ready; default: as soon as it started. */
    Ready ready() default @Ready;

    /** Ids (in the same scope) that must be ready first. */
    String[] needs() default {};

    /** The command exits 0 after starting the real server in the background (pg_ctl start, nginx). */
    boolean daemonizes() default false;

    /**
     * A task run to completion (a migration, a seed): ready when it exits 0, whatever it left running reaped
     * then, and dependents ({@link #needs()}) start after it; {@code ready = @Ready(timeout = ...)} bounds its run.
     */
    boolean oneshot() default false;

    /** How the tree is stopped; default TERM, 10s, then KILL. */
    Stop stop() default @Stop;
}
