package dev.tether.killer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The troubleshooting page lists every message the engine's {@code *Messages} classes build: each is rendered
 * with sample values, and every fixed part of its first sentence (what happened) must be on the page. A new
 * message without a row, or a reworded one whose row still shows the old words, fails here.
 */
class TroubleshootingPageTest {
    private static final String SAMPLE = "SAMPLE";
    private static final int SAMPLE_NUMBER = 424242;

    @Test
    void everyMessageHasItsRow() throws Exception {
        String page = Files.readString(Path.of("../site/markdown/troubleshooting.md"));
        List<Method> messages = messageBuilders();
        assertFalse(messages.isEmpty(), "no *Messages class found");
        List<String> missing = new ArrayList<>();
        for (Method method : messages) {
            String rendered = (String) method.invoke(null, samplesFor(method));
            int sentenceEnd = rendered.indexOf(". ");
            String whatHappened = sentenceEnd < 0 ? rendered : rendered.substring(0, sentenceEnd);
            for (String part : whatHappened.split("/?" + SAMPLE + "|" + SAMPLE_NUMBER)) {
                String fixed = part.strip();
                if (fixed.length() >= 6 && !page.contains(fixed)) {
                    missing.add(method.getDeclaringClass().getSimpleName() + "." + method.getName() + ": '" + fixed
                            + "' (from: " + rendered + ")");
                }
            }
        }
        assertTrue(missing.isEmpty(), "site/markdown/troubleshooting.md lacks:\n" + String.join("\n", missing));
    }

    @Test
    void everyMessageNamesTheOffendingValue() throws Exception {
        for (Method method : messageBuilders()) {
            if (method.getParameterCount() > 1) { // the first names who; the others are the values
                String rendered = (String) method.invoke(null, samplesFor(method));
                String withoutWho = rendered.replaceFirst("^" + SAMPLE, "");
                assertTrue(
                        withoutWho.contains(SAMPLE) || withoutWho.contains(String.valueOf(SAMPLE_NUMBER)),
                        method + " does not show the value: " + rendered);
            }
        }
    }

    private static List<Method> messageBuilders() throws ClassNotFoundException {
        List<Method> builders = new ArrayList<>();
        for (JavaClass type : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tether.killer")) {
            if (type.getSimpleName().endsWith("Messages")) {
                for (Method method : Class.forName(type.getName()).getDeclaredMethods()) {
                    if (Modifier.isPublic(method.getModifiers())
                            && Modifier.isStatic(method.getModifiers())
                            && method.getReturnType() == String.class) {
                        builders.add(method);
                    }
                }
            }
        }
        return builders;
    }

    private static Object[] samplesFor(Method method) {
        return Arrays.stream(method.getParameterTypes())
                .map(type -> {
                    if (type == String.class) {
                        return SAMPLE;
                    }
                    if (type == Path.class) {
                        return Path.of("/" + SAMPLE);
                    }
                    if (type == List.class) {
                        return List.of("/" + SAMPLE);
                    }
                    if (type == int.class || type == long.class) {
                        return type == int.class ? (Object) SAMPLE_NUMBER : (Object) (long) SAMPLE_NUMBER;
                    }
                    throw new IllegalArgumentException("no sample for " + type + " in " + method);
                })
                .toArray();
    }
}
