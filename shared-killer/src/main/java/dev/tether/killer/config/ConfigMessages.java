package dev.tether.killer.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Every mistake in a fixture's settings, worded once: what is wrong, the offending value, and the fix. The
 * first parameter of each says who (a fixture, a setting) in the adapter's words. The troubleshooting page is
 * checked against these by a test.
 */
public final class ConfigMessages {
    private ConfigMessages() {}

    public static String duplicateId(String plural, String id) {
        return "Two " + plural + " have the id '" + id + "'. Give each a unique id.";
    }

    public static String invalidId(String id) {
        return "Fixture id '" + id + "' is not valid: use letters, digits, '.', '_' or '-' (it names the log file).";
    }

    public static String unknownNeed(String who, String need, String plural, String known) {
        return who + " needs '" + need + "', but none of the " + plural + " has that id. Known ids: " + known + ".";
    }

    public static String needsCycle(String cycle) {
        return "The needs of the fixtures form a cycle: " + cycle + ". Remove one of these needs.";
    }

    public static String portNameTwice(String name, String again) {
        return "The port name '" + name + "' is declared twice (again by " + again + "); port names are shared by"
                + " the group, as ${tether.port." + name + "}. Rename one.";
    }

    public static String invalidPortName(String name) {
        return "Port name '" + name + "' is not valid: use letters, digits, '.', '_' or '-' (it becomes"
                + " ${tether.port." + name + "}).";
    }

    public static String portOutOfRange(String name, int number) {
        return "Port '" + name + "' has number " + number + ": use 1-65535, or leave it out to get a free port.";
    }

    public static String notAPortNumber(String entry, String number) {
        return "Port '" + entry + "': '" + number + "' is not a port number. Write name=8080 for a fixed port, or"
                + " just the name for a free one.";
    }

    public static String unknownPlaceholder(String where, String placeholder, String name, List<String> declared) {
        return "Unknown placeholder " + placeholder + " in " + where + ": none of the group declares a port named '"
                + name + "'. "
                + (declared.isEmpty()
                        ? "No ports are declared; declare the port '" + name + "' on the one that listens on it."
                        : "Declared ports: " + String.join(", ", declared) + ".");
    }

    public static String oneshotWithProbes(String who, String probes) {
        return who + " is a one-shot task, which is ready when it exits 0, but it also declares the readiness"
                + " probes " + probes + ". Remove the probes (a timeout alone is fine: it bounds the run), or drop"
                + " oneshot.";
    }

    public static String oneshotDaemonizes(String who) {
        return who + " is declared both oneshot and daemonizing. A task that runs to completion does not leave a"
                + " server behind: keep one of the two.";
    }

    public static String unclosedQuote(String who, String quote, String command) {
        return who + ": the command has an unclosed " + quote + " quote: " + command + ". Close the quote, or give"
                + " the arguments one by one.";
    }

    public static String badMode(String where, String mode) {
        return where + ": mode '" + mode + "' is neither 'all' nor 'any'. Write all (every probe must pass) or any.";
    }

    public static String badStatus(String where, String status) {
        return where + ": status '" + status + "' is not a status or a range. Write 200, or 200-299.";
    }

    public static String nonPositiveTimeout(String timeout) {
        return "The readiness timeout must be positive, such as 30s; got " + timeout + ".";
    }

    public static String environmentEntry(String where, String entry) {
        return where + ": environment entry '" + entry + "' is not KEY=value. Write e.g. LOG_LEVEL=debug.";
    }

    public static String noEnvironmentFile(String where, Path file) {
        return where + ": the environment file " + file + " does not exist. Create it, or correct the path (a"
                + " relative path starts at the project directory).";
    }

    public static String unreadableEnvironmentFile(String where, Path file, String error) {
        return where + ": cannot read the environment file " + file + ": " + error + ". Check that it is a"
                + " readable UTF-8 text file.";
    }

    /** Where a line of an environment file is: the start of the messages below that take {@code at}. */
    static String environmentLine(String where, Path file, int number, String line) {
        return where + ": " + file + " line " + number + " '" + line + "'";
    }

    public static String notKeyValue(String at) {
        return at + " is not KEY=VALUE. Write e.g. DATABASE_URL=postgres://localhost/test, or start the line with"
                + " # to make it a comment.";
    }

    public static String notAVariableName(String at, String key) {
        return at + ": '" + key + "' is not a variable name. Names are letters, digits and _, not starting with a"
                + " digit.";
    }

    public static String unclosedSingleQuote(String at) {
        return at + ": the single quote is not closed. End the value with '.";
    }

    public static String textAfterDoubleQuote(String at) {
        return at + ": text after the closing double quote. Put the whole value in the quotes, or write \\\" for a"
                + " quote inside it.";
    }

    public static String unclosedDoubleQuote(String at) {
        return at + ": the double quote is not closed. End the value with \".";
    }

    public static String noJava(String who, Path java) {
        return who + ": there is no Java launcher at " + java + ". Point the toolchain (or JAVA_HOME for the build)"
                + " at a full JDK or JRE.";
    }

    public static String mainClassAndJar(String who) {
        return who + ": a Java fixture runs either a main class or a jar, not both. Keep <mainClass> or <jar>.";
    }

    public static String neitherMainClassNorJar(String who) {
        return who + ": a Java fixture runs either a main class or a jar, and neither is given. Give <mainClass>"
                + " (javaMain) or <jar>.";
    }

    public static String notAClassName(String who, String mainClass) {
        return who + ": '" + mainClass + "' is not a Java class name. Give the fully qualified name, e.g."
                + " com.example.App.";
    }
}
