package dev.tether.maven;

import dev.tether.killer.TetherException;
import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.fixture.FixtureGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Starts the configured processes and keeps them running until Ctrl-C, for running the integration tests
 * from an IDE against them. Ctrl-C (or any end of Maven) stops every tree and removes the state file.
 *
 * @since 0.1.0
 */
@Mojo(name = "run", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class RunMojo extends StartMojo {
    @Override
    protected boolean reuseAllowed() {
        return false;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        super.execute();
        if (running().isEmpty()) {
            return;
        }
        try {
            StateFile.writeRun(directory.toPath(), running());
        } catch (IOException e) {
            getLog().warn(PluginMessages.cannotWriteState(directory.toPath(), String.valueOf(e)));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // Resolved now: at shutdown only what is loaded already is sure to work (java.nio is the JDK's own).
        Path stateFile = directory.toPath().resolve(StateFile.STATE);
        Path runFile = directory.toPath().resolve(StateFile.RUN);
        // Before the supervisor's own shutdown, so each tree is stopped (and reported) with its policy.
        ProcessSupervisor.shared().beforeShutdown(() -> {
            deleteQuietly(runFile); // first: a build starting now must not reuse what is stopping
            for (FixtureGroup group = running().pollLast();
                    group != null;
                    group = running().pollLast()) {
                try {
                    group.stop().summaries().forEach(line -> System.out.println("[INFO] Tether stop: " + line));
                } catch (TetherException e) {
                    System.err.println("[ERROR] Tether stop: " + e.getMessage());
                }
            }
            deleteQuietly(stateFile); // nothing runs any more: tether:status must not say otherwise
            stopped.countDown();
        });
        getLog().info("Tether: running; press Ctrl-C to stop every process. Builds and IDE runs with"
                + " -Dtether.reuse=true use these instead of starting their own.");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** At shutdown the build log is gone: the console is all there is. */
    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("[WARNING] Tether: cannot remove " + file + ": " + e.getMessage());
        }
    }
}
