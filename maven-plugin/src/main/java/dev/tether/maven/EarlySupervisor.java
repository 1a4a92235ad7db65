package dev.tether.maven;

import java.util.List;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Whether a build will reach tether:start, judged once the projects are read: a project declares the plugin
 * with the start goal, the build asks for a phase from pre-integration-test on (or a tether goal), and nothing
 * skips it, neither on the command line nor in the POM (a project property, or the plugin's own {@code <skip>}).
 * Only then is the supervisor started early; a {@code mvn compile} starts nothing. A supervisor started for a
 * build that starts no fixture costs ~0.3 s of CPU beside Maven's compiler.
 */
final class EarlySupervisor {
    private static final String ARTIFACT_ID = "tether-maven-plugin";
    private static final List<String> PHASES_AFTER_START =
            List.of("pre-integration-test", "integration-test", "post-integration-test", "verify", "install", "deploy");
    /** The properties that skip tether:start (see AbstractTetherMojo), and its parameters of the same meaning. */
    private static final List<String> SKIP_PROPERTIES =
            List.of("tether.skip", "skipITs", "skipTests", "maven.test.skip");

    private static final List<String> SKIP_PARAMETERS = List.of("skip", "skipITs", "skipTests");

    private EarlySupervisor() {}

    static boolean wanted(MavenSession session) {
        if (skipped(session.getUserProperties()) || skipped(session.getSystemProperties())) {
            return false;
        }
        boolean reachesStart = session.getGoals().stream()
                .anyMatch(goal -> PHASES_AFTER_START.contains(goal) || goal.contains("tether:"));
        return reachesStart && session.getProjects().stream().anyMatch(EarlySupervisor::startsFixtures);
    }

    /** The project runs tether:start and its POM does not skip it. */
    static boolean startsFixtures(MavenProject project) {
        if (skipped(project.getProperties())) {
            return false;
        }
        for (Plugin plugin : project.getBuildPlugins()) {
            if (ARTIFACT_ID.equals(plugin.getArtifactId()) && !skippedIn(plugin.getConfiguration())) {
                for (PluginExecution execution : plugin.getExecutions()) {
                    if (execution.getGoals().contains("start") && !skippedIn(execution.getConfiguration())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean skipped(Properties properties) {
        return SKIP_PROPERTIES.stream().anyMatch(name -> isTrue(properties.getProperty(name)));
    }

    /** The model's configuration is interpolated by now: {@code <skip>${ci.skip}</skip>} reads "true" or "false". */
    private static boolean skippedIn(Object configuration) {
        if (configuration instanceof Xpp3Dom dom) {
            return SKIP_PARAMETERS.stream()
                    .map(dom::getChild)
                    .anyMatch(child -> child != null && isTrue(child.getValue()));
        }
        return false;
    }

    /**
     * As the mojo's boolean parameters read it: an empty value is false (a bare {@code -DskipTests} is already
     * "true" here, Maven's command line sets it so).
     */
    private static boolean isTrue(String value) {
        return value != null && Boolean.parseBoolean(value.trim());
    }
}
