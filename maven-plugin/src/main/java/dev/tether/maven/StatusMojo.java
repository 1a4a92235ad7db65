package dev.tether.maven;

import dev.tether.killer.fixture.PortOwners;
import dev.tether.killer.tree.ProcessInfo;
import dev.tether.killer.tree.ProcessInspector;
import dev.tether.killer.tree.ProcessTable;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Lists this project's live processes (started by tether:start or tether:run in another Maven), with pid,
 * ports, and whether each port is served by the process's own tree.
 *
 * @since 0.1.0
 */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends AbstractTetherMojo {
    @Override
    public void execute() throws MojoExecutionException {
        List<StateFile.Entry> entries;
        try {
            entries = StateFile.read(directory.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot read " + directory + ": " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            getLog().info("Tether status: no live processes recorded in " + directory);
            return;
        }
        ProcessTable table = ProcessInspector.forThisMachine().snapshot();
        for (StateFile.Entry entry : entries) {
            Set<Integer> tree = table.withDescendants(List.of(entry.pid())).stream()
                    .filter(p -> !p.isDead())
                    .map(ProcessInfo::pid)
                    .collect(Collectors.toSet());
            String ports = entry.ports().entrySet().stream()
                    .map(port -> port.getKey() + "=" + port.getValue() + " " + owner(port.getValue(), tree))
                    .collect(Collectors.joining(", "));
            getLog().info("Tether status: " + entry.id() + " pid " + entry.pid() + " "
                    + (tree.isEmpty() ? "NOT RUNNING" : "running (" + tree.size() + " processes)")
                    + (ports.isEmpty() ? "" : ", ports " + ports));
        }
    }

    private static String owner(int port, Set<Integer> tree) {
        if (!PortOwners.isSupported()) {
            return "(owner unknown on this OS)";
        }
        Set<Long> sockets = PortOwners.listeningSockets(port);
        if (sockets.isEmpty()) {
            return "(nothing listens)";
        }
        return PortOwners.holders(sockets, tree).isEmpty()
                ? "(WRONG OWNER: " + PortOwners.describeListeners(port) + ")"
                : "(served by the tree)";
    }
}
