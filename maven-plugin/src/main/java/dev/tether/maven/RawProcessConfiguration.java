package dev.tether.maven;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.codehaus.plexus.component.configurator.ComponentConfigurationException;
import org.codehaus.plexus.component.configurator.ComponentConfigurator;
import org.codehaus.plexus.configuration.xml.XmlPlexusConfiguration;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Reads {@code <processes>} so that {@code ${tether.port.NAME}} survives. Maven evaluates a value that is
 * exactly one undefined expression to null before a Mojo sees it, so {@code <tcp>${tether.port.web}</tcp>}
 * would arrive empty. Here the execution's raw configuration is taken, every {@code ${tether.port.} is turned
 * into the late form {@code @{tether.port.}, which Maven leaves alone, and Maven's own configurator fills the
 * objects, evaluating every other expression as usual.
 */
final class RawProcessConfiguration {
    /** What the configurator fills. */
    public static final class Holder {
        private List<ProcessConfig> processes = new ArrayList<>();
    }

    private static final Pattern DOLLAR_PORT = Pattern.compile("\\$\\{tether\\.port\\.[^}]*}");

    private RawProcessConfiguration() {}

    static List<ProcessConfig> read(MavenSession session, MojoExecution execution, ComponentConfigurator configurator)
            throws MojoExecutionException {
        Xpp3Dom configuration = execution.getConfiguration();
        Xpp3Dom processes = configuration == null ? null : configuration.getChild("processes");
        if (processes == null) {
            return List.of();
        }
        Xpp3Dom protectedCopy = new Xpp3Dom(processes);
        protect(protectedCopy);
        Xpp3Dom root = new Xpp3Dom("configuration");
        root.addChild(protectedCopy);
        Holder holder = new Holder();
        try {
            configurator.configureComponent(
                    holder,
                    new XmlPlexusConfiguration(root),
                    new PluginParameterExpressionEvaluator(session, execution),
                    execution.getMojoDescriptor().getPluginDescriptor().getClassRealm());
        } catch (ComponentConfigurationException e) {
            throw new MojoExecutionException(
                    "Cannot read <processes>: " + e.getMessage()
                            + ". Check the element names against the plugin's documentation (tether:help).",
                    e);
        }
        return holder.processes == null ? List.of() : holder.processes;
    }

    /**
     * The {@code ${tether.port.NAME}} placeholders as the user wrote them, so that a message about one (a typo)
     * can show it in the user's spelling rather than the protected {@code @{...}} form.
     */
    static Set<String> dollarPlaceholders(MojoExecution execution) {
        Set<String> found = new HashSet<>();
        Xpp3Dom configuration = execution.getConfiguration();
        Xpp3Dom processes = configuration == null ? null : configuration.getChild("processes");
        if (processes != null) {
            collectDollarPlaceholders(processes, found);
        }
        return found;
    }

    private static void collectDollarPlaceholders(Xpp3Dom node, Set<String> found) {
        if (node.getValue() != null) {
            Matcher matcher = DOLLAR_PORT.matcher(node.getValue());
            while (matcher.find()) {
                found.add(matcher.group());
            }
        }
        for (Xpp3Dom child : node.getChildren()) {
            collectDollarPlaceholders(child, found);
        }
    }

    private static void protect(Xpp3Dom node) {
        if (node.getValue() != null) {
            node.setValue(node.getValue().replace("${tether.port.", "@{tether.port."));
        }
        for (Xpp3Dom child : node.getChildren()) {
            protect(child);
        }
    }
}
