package dev.tether.maven;

import dev.tether.killer.TetherException;
import dev.tether.killer.client.ProcessSupervisor;
import java.time.Duration;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Stops what earlier builds left behind when both Maven and its supervisor were killed (the ledger in the
 * temp directory lists their trees), and says what was reaped. Every tether:start does the same in the
 * background; this goal waits for it and reports.
 *
 * @since 0.1.0
 */
@Mojo(name = "reap", requiresProject = false, threadSafe = true)
public class ReapMojo extends AbstractTetherMojo {
    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        try (ProcessSupervisor supervisor = ProcessSupervisor.launch()) {
            int trees = supervisor.awaitSweep(Duration.ofMinutes(2));
            supervisor.notices().forEach(notice -> getLog().info("Tether reap: " + notice));
            getLog().info("Tether reap: "
                    + (trees == 0
                            ? "no leftovers of crashed builds found"
                            : "stopped " + trees + " leftover process tree(s) of crashed builds"));
        } catch (TetherException e) {
            throw fail(e);
        }
    }
}
