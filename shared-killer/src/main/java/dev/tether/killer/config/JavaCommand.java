package dev.tether.killer.config;

import dev.tether.killer.InvalidSpecException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The command line of a Java fixture: {@code java <jvm arguments> -cp <class path> <main class> <arguments>},
 * or {@code java <jvm arguments> -jar <jar> <arguments>}. It is an ordinary command from there on: spawned in
 * its own group and cgroup, its placeholders resolved, its whole tree reaped like any other.
 */
public final class JavaCommand {
    /** A binary class name, optionally module-qualified ({@code module/com.example.App}). */
    private static final Pattern MAIN_CLASS = Pattern.compile(
            "([\\p{L}_$][\\p{L}\\p{N}_$.]*/)?[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    private final Path java;
    private final List<String> classPath;
    private final List<String> jvmArguments;
    private final List<String> arguments;

    private JavaCommand(Path java, List<String> classPath, List<String> jvmArguments, List<String> arguments) {
        this.java = java;
        this.classPath = List.copyOf(classPath);
        this.jvmArguments = List.copyOf(jvmArguments);
        this.arguments = List.copyOf(arguments);
    }

    /**
     * @param javaHome the JDK to run it with: its {@code bin/java} must exist
     * @param classPath the entries for a main class (ignored for a jar, which names its own)
     */
    public static JavaCommand of(
            Path javaHome, List<String> classPath, List<String> jvmArguments, List<String> arguments, String who) {
        Path java = javaHome.resolve("bin").resolve(File.separatorChar == '\\' ? "java.exe" : "java");
        if (!Files.isExecutable(java)) {
            throw InvalidSpecException.located(ConfigMessages.noJava(who, java));
        }
        return new JavaCommand(java, classPath, jvmArguments, arguments);
    }

    /** Exactly one of {@code mainClass} and {@code jar} (blank = not given). */
    public List<String> command(String mainClass, String jar, String who) {
        boolean hasMain = TextualConfig.present(mainClass);
        boolean hasJar = TextualConfig.present(jar);
        if (hasMain == hasJar) {
            throw InvalidSpecException.located(
                    hasMain ? ConfigMessages.mainClassAndJar(who) : ConfigMessages.neitherMainClassNorJar(who));
        }
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmArguments);
        if (hasMain) {
            if (!MAIN_CLASS.matcher(mainClass.trim()).matches()) {
                throw InvalidSpecException.located(ConfigMessages.notAClassName(who, mainClass));
            }
            if (!classPath.isEmpty()) {
                command.add("-cp");
                command.add(String.join(File.pathSeparator, classPath));
            }
            command.add(mainClass.trim());
        } else {
            command.add("-jar");
            command.add(jar.trim());
        }
        command.addAll(arguments);
        return command;
    }
}
