package dev.tether.maven.embedded;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * A JVM that runs Maven builds one after another and lives on between them, as the Maven daemon (mvnd) and an
 * IDE's embedded Maven do. Started with Maven's own class path; reads one line per build from stdin (the
 * arguments, space-separated), runs it with Maven's embedder in {@code args[0]}, and answers {@code BUILD <exit>}.
 * Maven's own output goes to stderr. Ends at stdin EOF.
 */
public final class EmbeddedMaven {
    private EmbeddedMaven() {}

    public static void main(String[] args) throws Exception {
        String projectDirectory = args[0];
        System.setProperty("maven.multiModuleProjectDirectory", projectDirectory);
        PrintStream answers = System.out;
        System.setOut(System.err);
        // Through reflection: the test module compiles without maven-embedder; the JVM runs with Maven's lib/.
        Class<?> cli = Class.forName("org.apache.maven.cli.MavenCli");
        Method doMain = cli.getMethod("doMain", String[].class, String.class, PrintStream.class, PrintStream.class);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            Object maven = cli.getConstructor().newInstance();
            int exit = (int) doMain.invoke(maven, line.trim().split(" +"), projectDirectory, System.err, System.err);
            answers.println("BUILD " + exit);
            answers.flush();
        }
    }
}
