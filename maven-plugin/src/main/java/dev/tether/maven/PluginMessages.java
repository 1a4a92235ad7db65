package dev.tether.maven;

import java.nio.file.Path;

/**
 * What the plugin itself says (the engine words everything about fixtures; see the engine's {@code *Messages}).
 * Each names the setting or file concerned and the fix.
 */
final class PluginMessages {
    private PluginMessages() {}

    static String configurationError(String engineMessage) {
        return "Tether configuration in <processes>: " + engineMessage;
    }

    static String processWithoutId(int number) {
        return "process number " + number + " has no <id>. Add <id>web</id> (it names the log file and the process"
                + " in messages).";
    }

    static String commandOrExecutable(boolean both) {
        return "give either <command> (one line) or <executable> with <arguments>, "
                + (both ? "not both." : "one of them is missing.");
    }

    static String unknownOutput(String output) {
        return "Tether status: tether.output '" + output + "' is not an output format. Use -Dtether.output=text (the"
                + " default) or -Dtether.output=json.";
    }

    static String cannotReadState(Path directory, String error) {
        return "Tether status: cannot read " + directory + ": " + error + ". Check that the directory is readable,"
                + " or delete it: tether:start writes it afresh.";
    }

    static String cannotWriteOutput(String error) {
        return "Tether status: cannot write to standard output: " + error;
    }

    static String cannotWriteState(Path directory, String error) {
        return "Cannot write " + directory + ": " + error + "; tether:status will not see these processes. Check"
                + " that target/ is writable.";
    }

    static String mvndWithoutExtension() {
        return "Tether: this build runs in the Maven daemon (mvnd), which outlives it; if the build fails before"
                + " tether:stop, its processes keep running until the daemon exits. Declare the plugin with"
                + " <extensions>true</extensions> so Tether stops them when the build ends.";
    }

    static String javaAndCommand() {
        return "give either <java> or <command> / <executable>, not both.";
    }

    static String unknownScope(String scope) {
        return "<classpathScope> '" + scope + "' is not a class path of the project. Use runtime (the default),"
                + " compile or test.";
    }

    static String unresolvedClassPath(String scope, String error) {
        return "the " + scope + " class path is not resolved (" + error + "). Run tether:start in the lifecycle"
                + " (e.g. mvn verify) or after the project's dependencies resolve.";
    }

    static String crashed(String crash) {
        return "Tether: " + crash + "\nThe tests running now talk to a dead server; tether:stop fails the build for"
                + " it (-Dtether.failOnUnexpectedExit=false accepts it).";
    }

    static String nothingRecorded(Path directory) {
        return "Tether status: no processes recorded in " + directory + " (tether:start or tether:run has not run,"
                + " or tether:stop ended them)";
    }
}
