package dev.tether.maven;

import dev.tether.killer.reuse.FixtureRecords;
import dev.tether.killer.text.Json;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lists this project's processes started by tether:start or tether:run in another Maven: whether each tree is
 * running, how many processes it has now, and whether each port is served by that tree. Trees are found the way
 * the supervisor finds them (process group, cgroup, cookie, ancestry, its ledger), so a daemon that left its
 * launcher's group is still seen. With {@code -Dtether.output=json}, prints one JSON document on standard output
 * (also under {@code mvn -q}) for scripts.
 *
 * @since 0.1.0
 */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends AbstractTetherMojo {
    /**
     * {@code text} (the build log) or {@code json}: {@code {"fixtures":[{"id":"web","running":true,"pid":123,
     * "processes":4,"ports":{"web":{"port":41234,"owner":"ok"}}}]}}, {@code owner} being {@code ok}, {@code free},
     * {@code wrong} (with {@code holders}, the pids listening instead) or {@code unknown} (not Linux).
     *
     * @since 0.2.0
     */
    @Parameter(property = "tether.output", defaultValue = "text")
    protected String output;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        boolean json = switch (output) {
            case "json" -> true;
            case "text" -> false;
            default -> throw new MojoFailureException(PluginMessages.unknownOutput(output));
        };
        List<FixtureRecords.Entry> entries;
        try {
            entries = StateFile.read(directory.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException(PluginMessages.cannotReadState(directory.toPath(), String.valueOf(e)), e);
        }
        List<FixtureStatus> fixtures = entries.stream().map(FixtureStatus::of).toList();
        if (json) {
            printRaw(Json.write(Map.of(
                    "fixtures", fixtures.stream().map(FixtureStatus::toJson).toList())));
        } else if (fixtures.isEmpty()) {
            getLog().info(PluginMessages.nothingRecorded(directory.toPath()));
        } else {
            fixtures.forEach(fixture -> getLog().info("Tether status: " + fixture.describe()));
        }
    }

    /**
     * Straight to the standard output descriptor: Maven's log is silenced by {@code -q}, and Maven's own
     * System.out may be a console wrapper that adds colour codes (Debian's Maven 3.8 does, even with {@code -B}).
     */
    private static void printRaw(String line) throws MojoExecutionException {
        try {
            FileOutputStream out = new FileOutputStream(FileDescriptor.out);
            out.write((line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new MojoExecutionException(PluginMessages.cannotWriteOutput(String.valueOf(e)), e);
        }
    }
}
