package dev.tether.maven;

import java.util.List;

/**
 * {@code <java>}, instead of {@code <command>}: a Java program run with the project's class path, by the JDK of
 * the build's toolchain when one is configured, else the JDK running Maven. Its tree is reaped like any other.
 *
 * @since 0.2.0
 */
public class JavaConfig {
    /** The main class, e.g. {@code com.example.App}; or give {@code <jar>}. */
    private String mainClass;
    /** An executable jar, run with {@code java -jar}; relative to the working directory. */
    private String jar;
    /** Whose class path a main class runs with: {@code runtime} (default), {@code compile} or {@code test}. */
    private String classpathScope;
    /** JVM options before the main class, e.g. {@code -Xmx256m}, {@code -Dserver.port=${tether.port.web}}. */
    private List<String> jvmArguments;
    /** Program arguments after the main class or jar. */
    private List<String> arguments;

    public String getMainClass() {
        return mainClass;
    }

    public String getJar() {
        return jar;
    }

    public String getClasspathScope() {
        return classpathScope;
    }

    public List<String> getJvmArguments() {
        return jvmArguments;
    }

    public List<String> getArguments() {
        return arguments;
    }
}
