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
     * The processes to run: see {@link ProcessConfig}. {@code ${tether.port.NAME}} works in every value.
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
