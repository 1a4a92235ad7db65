package dev.tether.maven;

import dev.tether.killer.InvalidSpecException;
import dev.tether.killer.PortInUseException;
import dev.tether.killer.SupervisorException;
import dev.tether.killer.TetherException;
import dev.tether.killer.config.FixtureSpec;
import dev.tether.killer.fixture.FixtureGroup;
import java.io.File;
import java.util.Deque;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Named;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.toolchain.ToolchainManager;
import org.codehaus.plexus.component.configurator.ComponentConfigurator;

/** The parameters every Tether goal shares, and the one translation of engine errors into Maven's idiom. */
abstract class AbstractTetherMojo extends AbstractMojo {
    /**
     * The processes to run, one {@code <process>} each, started in {@code <needs>} order (independent ones in
     * parallel) and stopped in reverse. <code>${tether.port.NAME}</code> (or <code>@{tether.port.NAME}</code>) works in
     * every value. The children of {@code <process>}:
     *
     * <table>
     * <caption>&lt;process&gt;</caption>
     * <tr><th>element</th><th>meaning</th></tr>
     * <tr><td>{@code <id>}</td><td>required, unique; names the log {@code target/tether/<id>.log}</td></tr>
     * <tr><td>{@code <command>}</td><td>the whole command line, split into words like a shell would (no shell
     * runs), e.g. <code>python3 -m http.server ${tether.port.web}</code></td></tr>
     * <tr><td>{@code <executable>}, {@code <arguments>}</td><td>instead of {@code <command>}: the program and
     * its arguments one {@code <argument>} each, taken as they are</td></tr>
     * <tr><td>{@code <java>}</td><td>instead of a command, a Java program run with the build's JDK (or its
     * toolchain): {@code <mainClass>} or {@code <jar>}, {@code <classpathScope>} ({@code runtime} default,
     * {@code compile}, {@code test}), {@code <jvmArguments>}, {@code <arguments>}</td></tr>
     * <tr><td>{@code <workingDirectory>}</td><td>where it runs; default the project's base directory</td></tr>
     * <tr><td>{@code <environment>}</td><td>variables added to (or replacing) the build's environment, one
     * {@code <NAME>value</NAME>} each</td></tr>
     * <tr><td>{@code <environmentFile>}</td><td>a {@code .env} file of KEY=VALUE lines; {@code <environment>}
     * wins over it</td></tr>
     * <tr><td>{@code <ports>}</td><td>named ports, one {@code <port>} each: {@code web} for a free port
     * reserved machine-wide, {@code web=8080} for a fixed one; exported as {@code tether.port.web}</td></tr>
     * <tr><td>{@code <ready>}</td><td>when it counts as ready (without it: once started): {@code <tcp>} (a port
     * name or number accepting connections on 127.0.0.1), {@code <http>} (a URL; {@code <status>}, default
     * 200-399, and {@code <body>}, a regular expression), {@code <log>} (a regular expression in its log;
     * {@code <occurrence>}, default 1), {@code <file>} (must exist), {@code <command>} (must exit 0),
     * {@code <delay>} (a fixed wait); {@code <mode>} {@code all} (default) or {@code any}; {@code <timeout>},
     * default 60s</td></tr>
     * <tr><td>{@code <needs>}</td><td>comma-separated ids that must be ready before this one starts</td></tr>
     * <tr><td>{@code <daemonizes>}</td><td>{@code true} when the command exits 0 after starting the real
     * server in the background (nginx, {@code pg_ctl start}); its tree is still found and stopped</td></tr>
     * <tr><td>{@code <oneshot>}</td><td>{@code true} for a task run to completion (a migration, a seed): ready
     * when it exits 0; {@code <ready><timeout>} bounds it</td></tr>
     * <tr><td>{@code <stop>}</td><td>how the tree is stopped: {@code <signal>} (TERM default, INT, HUP, QUIT,
     * USR1, USR2, KILL) and {@code <grace>} before KILL (10s default), or {@code <steps>} such as
     * {@code INT 5s, TERM 5s}; KILL always ends it, then a check that nothing survived</td></tr>
     * </table>
     *
     * @since 0.1.0
     */
    @Parameter
    protected List<ProcessConfig> processes;

    /**
     * Skips every Tether goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tether.skip", defaultValue = "false")
    protected boolean skip;

    /**
     * Failsafe's switch: skipping the integration tests skips their servers too.
     *
     * @since 0.1.0
     */
    @Parameter(property = "skipITs", defaultValue = "false")
    protected boolean skipITs;

    /**
     * Where logs ({@code <id>.log}), {@code ports.properties} and the state file go.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tether.directory", defaultValue = "${project.build.directory}/tether")
    protected File directory;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    protected MojoExecution mojoExecution;

    /**
     * Surefire's and failsafe's switch: with no tests to run, their servers are not started either.
     *
     * @since 0.1.0
     */
    @Parameter(property = "skipTests", defaultValue = "false")
    protected boolean skipTests;

    /**
     * Maven's switch that skips compiling and running tests: their servers are skipped too.
     *
     * @since 0.1.0
     */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    protected boolean mavenTestSkip;

    /** Maven's own configurator, which fills {@code <processes>} after the port placeholders are protected. */
    @Inject
    @Named("basic")
    protected ComponentConfigurator configurator;

    /** The build's toolchains: a {@code <java>} fixture runs with the selected JDK. */
    @Inject
    protected ToolchainManager toolchains;

    protected boolean skipping(String goal) {
        String because = skip
                ? "tether.skip"
                : skipITs ? "skipITs" : skipTests ? "skipTests" : mavenTestSkip ? "maven.test.skip" : null;
        if (because != null) {
            getLog().info("Tether " + goal + " skipped (" + because + ")");
            return true;
        }
        return false;
    }

    /** The configured processes as engine specs, read so that port placeholders survive. */
    protected List<FixtureSpec> specs() throws MojoExecutionException, MojoFailureException {
        List<ProcessConfig> raw = RawProcessConfiguration.read(session, mojoExecution, configurator);
        try {
            return new SpecTranslator(
                            project.getBasedir(), directory.toPath(), new ProjectJava(project, session, toolchains))
                    .translate(raw);
        } catch (TetherException e) {
            throw fail(e);
        }
    }

    /**
     * Engine errors in Maven's idiom: a process that misbehaved or a configuration mistake is a build failure;
     * a broken environment (cannot spawn, supervisor gone) is an execution error.
     */
    protected MojoFailureException fail(TetherException e) throws MojoExecutionException {
        showUserSpelling(e);
        if (e instanceof SupervisorException) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        if (e instanceof InvalidSpecException || e instanceof PortInUseException) {
            return new MojoFailureException(PluginMessages.configurationError(e.getMessage()), e);
        }
        return new MojoFailureException(e.getMessage(), e);
    }

    /**
     * The plugin hands {@code ${tether.port.NAME}} to the engine as {@code @{tether.port.NAME}} (see {@link
     * RawProcessConfiguration}); a message quoting one shows it as the POM has it.
     */
    private void showUserSpelling(TetherException e) {
        if (mojoExecution != null) {
            for (String dollar : RawProcessConfiguration.dollarPlaceholders(mojoExecution)) {
                e.respell("@" + dollar.substring(1), dollar);
            }
        }
    }

    /** The groups tether:start left running for this project in this session, newest last. */
    protected Deque<FixtureGroup> running() {
        return SessionFixtures.running(session, project);
    }
}
