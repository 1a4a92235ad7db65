package dev.tether.maven;

import dev.tether.killer.SupervisorException;
import dev.tether.killer.fixture.FixtureGroup;
import dev.tether.killer.fixture.GroupStopReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Stops what tether:start started for this project, in reverse {@code needs} order: the stop signal to the
 * whole tree of each process, its grace, then KILL, then a check that nothing survived. Prints one line per
 * process and fails the build if anything survived or a process exited on its own during the tests.
 *
 * @since 0.1.0
 */
@Mojo(name = "stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class StopMojo extends AbstractTetherMojo {
    /**
     * Fail the build when a process exited by itself while the tests ran (a crashed server makes every
     * later test result doubtful).
     *
     * @since 0.1.0
     */
    @Parameter(property = "tether.failOnUnexpectedExit", defaultValue = "true")
    protected boolean failOnUnexpectedExit;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipping("stop")) {
            return;
        }
        Deque<FixtureGroup> groups = running();
        if (groups.isEmpty()) {
            getLog().info("Tether stop: nothing to stop, tether:start did not run for " + project.getArtifactId()
                    + " in this build.");
            return;
        }
        // Every group is stopped even when one fails; the build then fails once, with every problem.
        List<String> problems = new ArrayList<>();
        List<Exception> causes = new ArrayList<>();
        for (FixtureGroup group = groups.pollLast(); group != null; group = groups.pollLast()) {
            GroupStopReport report;
            try {
                report = group.stop();
            } catch (RuntimeException e) { // a TetherException, or a bug: the other groups still stop
                problems.add(e.getMessage());
                causes.add(e);
                continue;
            }
            for (GroupStopReport.FixtureOutcome outcome : report.fixtures()) {
                getLog().info("Tether stop: " + outcome.summary());
                if (getLog().isDebugEnabled()) {
                    outcome.processLines().forEach(line -> getLog().debug("Tether stop: " + line));
                }
                if (!outcome.stop().isClean()) {
                    problems.add(
                            outcome.id() + " left survivors: " + outcome.stop().survivors());
                }
                if (failOnUnexpectedExit && !outcome.unexpectedExits().isEmpty()) {
                    problems.add(outcome.unexpectedExits() + " (set tether.failOnUnexpectedExit=false to allow it)");
                }
            }
        }
        try {
            StateFile.delete(directory.toPath());
        } catch (IOException e) {
            getLog().debug("cannot remove the state file: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            String message = "Tether: " + String.join("; ", problems);
            // A broken environment (the supervisor gone) is an execution error, as everywhere in the plugin.
            Exception failure = causes.stream().anyMatch(c -> c instanceof SupervisorException)
                    ? new MojoExecutionException(message)
                    : new MojoFailureException(message);
            causes.forEach(failure::addSuppressed);
            if (failure instanceof MojoExecutionException execution) {
                throw execution;
            }
            throw (MojoFailureException) failure;
        }
    }
}
