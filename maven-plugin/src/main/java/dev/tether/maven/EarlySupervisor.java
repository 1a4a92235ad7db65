package dev.tether.maven;

import java.util.List;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;

/**
 * Whether a build will reach tether:start, judged once the projects are read: a project declares the plugin
 * with the start goal, the build asks for a phase from pre-integration-test on (or a tether goal), and nothing
 * skips it. Only then is the supervisor started early; a {@code mvn compile} starts nothing.
 */
final class EarlySupervisor {
    private static final String ARTIFACT_ID = "tether-maven-plugin";
    private static final List<String> PHASES_AFTER_START =
            List.of("pre-integration-test", "integration-test", "post-integration-test", "verify", "install", "deploy");

    private EarlySupervisor() {}

    static boolean wanted(MavenSession session) {
        if (skipped(session.getUserProperties()) || skipped(session.getSystemProperties())) {
            return false;
        }
        boolean reachesStart = session.getGoals().stream()
                .anyMatch(goal -> PHASES_AFTER_START.contains(goal) || goal.contains("tether:"));
        return reachesStart && session.getProjects().stream().anyMatch(EarlySupervisor::declaresStart);
    }

    private static boolean skipped(Properties properties) {
        return List.of("tether.skip", "skipITs", "skipTests", "maven.test.skip").stream()
                .anyMatch(name -> isTrue(properties.getProperty(name)));
    }

    private static boolean isTrue(String value) {
        return value != null && (value.isEmpty() || Boolean.parseBoolean(value));
    }

    private static boolean declaresStart(MavenProject project) {
        for (Plugin plugin : project.getBuildPlugins()) {
            if (ARTIFACT_ID.equals(plugin.getArtifactId())) {
                for (PluginExecution execution : plugin.getExecutions()) {
                    if (execution.getGoals().contains("start")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
