package dev.tether.killer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.killer.InvalidSpecException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaCommandTest {
    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));
    private static final String JAVA = JAVA_HOME.resolve("bin/java").toString();

    @Test
    void aMainClassRunsWithTheClassPathAfterTheJvmArguments() {
        JavaCommand java = JavaCommand.of(
                JAVA_HOME, List.of("/a/classes", "/b.jar"), List.of("-Xmx64m"), List.of("x", "y z"), "app");
        assertEquals(
                List.of(JAVA, "-Xmx64m", "-cp", "/a/classes:/b.jar", "com.example.App", "x", "y z"),
                java.command(" com.example.App ", null, "app"));
    }

    @Test
    void aJarNamesItsOwnClassPath() {
        JavaCommand java = JavaCommand.of(JAVA_HOME, List.of("/ignored"), List.of(), List.of("--serve"), "app");
        assertEquals(List.of(JAVA, "-jar", "target/app.jar", "--serve"), java.command("", "target/app.jar", "app"));
    }

    @Test
    void aModuleQualifiedMainClassIsAccepted() {
        JavaCommand java = JavaCommand.of(JAVA_HOME, List.of(), List.of(), List.of(), "app");
        assertEquals(
                List.of(JAVA, "com.example/com.example.App"), java.command("com.example/com.example.App", null, "app"));
    }

    @Test
    void exactlyOneOfMainClassAndJar() {
        JavaCommand java = JavaCommand.of(JAVA_HOME, List.of(), List.of(), List.of(), "<process> 'app' <java>");
        String neither = assertThrows(
                        InvalidSpecException.class, () -> java.command(null, " ", "<process> 'app' <java>"))
                .getMessage();
        assertTrue(
                neither.startsWith("<process> 'app' <java>: a Java fixture runs either a main class or a jar, and"
                        + " neither is given"),
                neither);
        String both = assertThrows(InvalidSpecException.class, () -> java.command("a.B", "b.jar", "app"))
                .getMessage();
        assertTrue(both.contains("not both"), both);
    }

    @Test
    void aMainClassMustBeAClassName() {
        JavaCommand java = JavaCommand.of(JAVA_HOME, List.of(), List.of(), List.of(), "app");
        String message = assertThrows(
                        InvalidSpecException.class, () -> java.command("com/example/App.class", null, "app"))
                .getMessage();
        assertTrue(message.contains("'com/example/App.class' is not a Java class name"), message);
    }

    @Test
    void aJavaHomeWithoutJavaIsRefusedBeforeAnythingStarts(@TempDir Path notAJdk) {
        InvalidSpecException e = assertThrows(
                InvalidSpecException.class, () -> JavaCommand.of(notAJdk, List.of(), List.of(), List.of(), "app"));
        assertTrue(
                e.getMessage().contains("there is no Java launcher at " + notAJdk.resolve("bin/java")), e.getMessage());
        assertTrue(e.saysWhere());
    }
}
