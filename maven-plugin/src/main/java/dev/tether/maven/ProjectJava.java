package dev.tether.maven;

import dev.tether.killer.InvalidSpecException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.apache.maven.toolchain.Toolchain;
import org.apache.maven.toolchain.ToolchainManager;

/** The JDK and class paths a {@code <java>} fixture runs with, as this project and its toolchain define them. */
final class ProjectJava {
    private final MavenProject project;
    private final MavenSession session;
    private final ToolchainManager toolchains;

    ProjectJava(MavenProject project, MavenSession session, ToolchainManager toolchains) {
        this.project = project;
        this.session = session;
        this.toolchains = toolchains;
    }

    /** The toolchain's JDK when the build selected one (maven-toolchains-plugin), else the one running Maven. */
    Path javaHome() {
        Toolchain jdk = toolchains == null ? null : toolchains.getToolchainFromBuildContext("jdk", session);
        String java = jdk == null ? null : jdk.findTool("java");
        if (java != null) {
            Path bin = Path.of(java).toAbsolutePath().getParent();
            if (bin != null && bin.getParent() != null) {
                return bin.getParent();
            }
        }
        return Path.of(System.getProperty("java.home"));
    }

    List<String> classPath(String scope, String where) {
        String name =
                scope == null || scope.isBlank() ? "runtime" : scope.trim().toLowerCase(Locale.ROOT);
        try {
            return switch (name) {
                case "runtime" -> project.getRuntimeClasspathElements();
                case "compile" -> project.getCompileClasspathElements();
                case "test" -> project.getTestClasspathElements();
                default -> throw InvalidSpecException.at(where, PluginMessages.unknownScope(scope));
            };
        } catch (DependencyResolutionRequiredException e) {
            throw InvalidSpecException.at(where, PluginMessages.unresolvedClassPath(name, String.valueOf(e)));
        }
    }
}
