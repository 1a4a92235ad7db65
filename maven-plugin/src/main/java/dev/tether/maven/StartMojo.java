package dev.tether.maven;

import dev.tether.killer.TetherException;
import dev.tether.killer.config.FixtureSpec;
import dev.tether.killer.config.Wording;
import dev.tether.killer.fixture.FixtureGroup;
import dev.tether.killer.fixture.GroupOptions;
import dev.tether.killer.fixture.RunningFixture;
import dev.tether.killer.reuse.ReuseSetting;
import dev.tether.killer.text.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Starts the configured processes in {@code needs} order and waits until each is ready. Their ports become
 * project properties {@code tether.port.NAME} for the plugins that run later (failsafe's
 * {@code systemPropertyVariables}). If any process fails, everything already started is stopped and the
 * build fails with the reason and the tail of that process's log.
 *
 * @since 0.1.0
 */
@Mojo(
        name = "start",
        defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST,
        requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = true)
public class StartMojo extends AbstractTetherMojo {
    /** Messages name a fixture the way the POM declares it. */
    static final Wording WORDING = new Wording("<process>", "<process> entries");

    /**
     * Copy new lines of each process's log to the build log, prefixed with {@code [id]}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tether.streamLogs", defaultValue = "true")
    protected boolean streamLogs;

    /**
     * Reuse, for the fast local loop, the fixtures {@code tether:run} keeps up in another terminal: a process
     * whose id and configuration match one recorded in {@code run.state}, that is alive and passes its readiness
     * probes, is not started; its ports become the properties as usual, and tether:stop leaves it running. Any
     * other starts as usual; one line per process says which and why. Off when the environment variable
     * {@code CI} is set (with a warning): a CI build tests what it starts.
     *
     * @since 0.2.0
     */
    @Parameter(property = "tether.reuse", defaultValue = "false")
    protected String reuse;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipping("start")) {
            return;
        }
        List<FixtureSpec> specs = specs();
        if (specs.isEmpty()) {
            getLog().info("Tether start: no <processes> configured for " + project.getArtifactId());
            return;
        }
        long began = System.nanoTime();
        EpilogueWarmUp.startFor(specs);
        GroupOptions options = GroupOptions.in(directory.toPath())
                .withWording(WORDING)
                .withLogSink(streamLogs ? line -> getLog().info(line) : null)
                // said the moment it happens, between the test lines it explains; judged at stop
                .withCrashListener(crash -> getLog().error(PluginMessages.crashed(crash.withLogTail())));
        ReuseSetting reusing;
        try {
            reusing = ReuseSetting.of(ReuseSetting.asked(reuse) && reuseAllowed());
        } catch (TetherException e) {
            throw fail(e);
        }
        reusing.warning().ifPresent(getLog()::warn);
        if (reusing.on()) {
            options = options.withReuseFrom(directory.toPath().resolve(StateFile.RUN));
        }
        FixtureGroup group;
        try {
            group = FixtureGroup.start(specs, options);
        } catch (TetherException e) {
            throw fail(e);
        }
        group.reuseNotes().forEach(note -> getLog().info("Tether reuse: " + note));
        running().addLast(group);
        warnIfJvmOutlivesBuildsWithoutCleanup();
        group.ports()
                .forEach((name, port) ->
                        project.getProperties().setProperty("tether.port." + name, Integer.toString(port)));
        try {
            StateFile.write(directory.toPath(), running());
        } catch (IOException e) {
            getLog().warn(PluginMessages.cannotWriteState(directory.toPath(), String.valueOf(e)));
        }
        String took = Durations.format(Duration.ofNanos(System.nanoTime() - began));
        for (RunningFixture fixture : group.fixtures()) {
            String state = fixture.isReused()
                    ? " reused (tether:run's, pid "
                    : fixture.spec().oneshot() ? " completed (exit 0, pid " : " ready (pid ";
            getLog().info("Tether: " + fixture.id() + state + fixture.pid() + ")"
                    + (fixture.ports().isEmpty() ? "" : ", ports " + fixture.ports()) + ", log " + fixture.logFile());
        }
        getLog().info("Tether: " + plural(group.fixtures().size(), "process", "processes") + " ready in " + took);
    }

    /** tether:run records what it starts for others to reuse; it never reuses itself. */
    protected boolean reuseAllowed() {
        return true;
    }

    /**
     * In the Maven daemon a failed build's processes would live as long as the daemon: only the session-end
     * participant, which Maven loads with {@code <extensions>true</extensions>}, stops them in time.
     */
    private void warnIfJvmOutlivesBuildsWithoutCleanup() {
        if (System.getProperty("mvnd.home") != null && !SessionFixtures.isCleanupActive()) {
            getLog().warn(PluginMessages.mvndWithoutExtension());
        }
    }

    static String plural(int count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }
}
