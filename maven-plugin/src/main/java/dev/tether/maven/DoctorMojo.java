package dev.tether.maven;

import dev.tether.killer.TetherException;
import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.fixture.Diagnosis;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Reports this machine's configuration (user, subreaper, cgroups, libc and spawn path, state and port
 * directories) and, for each of Tether's guarantees, whether it holds here, how, and the fix where one exists.
 *
 * @since 0.1.0
 */
@Mojo(name = "doctor", requiresProject = false, threadSafe = true)
public class DoctorMojo extends AbstractTetherMojo {
    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        try (ProcessSupervisor supervisor = ProcessSupervisor.launch()) {
            Diagnosis.of(supervisor).report().forEach(getLog()::info);
        } catch (TetherException e) {
            throw fail(e);
        }
    }
}
