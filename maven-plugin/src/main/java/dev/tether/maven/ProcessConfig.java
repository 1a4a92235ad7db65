package dev.tether.maven;

import java.io.File;
import java.util.List;
import java.util.Map;

/**
 * One {@code <process>} of the plugin configuration. Either {@code command} (one string, split like a shell
 * would, no shell involved) or {@code executable} with {@code arguments}.
 */
public class ProcessConfig {
    /** Unique id; names the log file {@code target/tether/<id>.log}. Required. */
    private String id;
    /** The whole command line, e.g. {@code python3 -m http.server ${tether.port.web}}. */
    private String command;
    /** The program, when arguments are given one by one in {@code <arguments>}. */
    private String executable;
    /** Arguments of {@code <executable>}, one {@code <argument>} each. */
    private List<String> arguments;
    /** Where the process runs; defaults to the project's base directory. */
    private File workingDirectory;
    /** Variables added to (or replacing those of) the build's environment. */
    private Map<String, String> environment;
    /** A .env file of KEY=VALUE lines (relative to the project directory); {@code <environment>} wins over it. */
    private File environmentFile;
    /** Named ports: {@code web} for a free one, {@code web=8080} for a fixed one; used as ${tether.port.web}. */
    private List<String> ports;
    /** When the process counts as ready; without it, as soon as it started. */
    private ReadyConfig ready;
    /** Comma-separated ids of processes that must be ready before this one starts. */
    private String needs;
    /** The command exits 0 after starting the real server in the background (pg_ctl start, nginx). */
    private boolean daemonizes;
    /**
     * A task run to completion (a migration, a seed): ready when it exits 0, its leftovers reaped then;
     * {@code <ready><timeout>} bounds its run.
     */
    private boolean oneshot;
    /** How the process tree is stopped; default TERM, 10s grace, then KILL. */
    private StopConfig stop;
    /** A Java program instead of a command: see {@link JavaConfig}. */
    private JavaConfig java;

    public String getId() {
        return id;
    }

    public String getCommand() {
        return command;
    }

    public String getExecutable() {
        return executable;
    }

    public List<String> getArguments() {
        return arguments;
    }

    public File getWorkingDirectory() {
        return workingDirectory;
    }

    public Map<String, String> getEnvironment() {
        return environment;
    }

    public File getEnvironmentFile() {
        return environmentFile;
    }

    public List<String> getPorts() {
        return ports;
    }

    public ReadyConfig getReady() {
        return ready;
    }

    public String getNeeds() {
        return needs;
    }

    public boolean isDaemonizes() {
        return daemonizes;
    }

    public boolean isOneshot() {
        return oneshot;
    }

    public StopConfig getStop() {
        return stop;
    }

    public JavaConfig getJava() {
        return java;
    }
}
