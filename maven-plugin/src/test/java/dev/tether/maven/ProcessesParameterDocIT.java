package dev.tether.maven;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The goal pages document every child element of {@code <process>} in the {@code processes} parameter itself
 * (not "see ProcessConfig", a class no user sees): each field of the configuration classes must be named there.
 */
class ProcessesParameterDocIT {

    @Test
    void everyProcessElementIsOnTheGoalPages() throws IOException {
        String descriptor = Files.readString(Path.of("target/classes/META-INF/maven/plugin.xml"));
        Matcher processes = Pattern.compile("<name>processes</name>.*?<description>(.*?)</description>", Pattern.DOTALL)
                .matcher(descriptor);
        assertTrue(processes.find(), "the processes parameter is in the plugin descriptor");
        String description = processes.group(1).replace("&lt;", "<").replace("&gt;", ">");
        List<String> missing = new ArrayList<>();
        for (Class<?> config : List.of(ProcessConfig.class, ReadyConfig.class, StopConfig.class, JavaConfig.class)) {
            for (Field field : config.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !description.contains("<" + field.getName() + ">")) {
                    missing.add(config.getSimpleName() + "." + field.getName());
                }
            }
        }
        assertTrue(missing.isEmpty(), "undocumented on the goal pages: " + missing);
    }
}
