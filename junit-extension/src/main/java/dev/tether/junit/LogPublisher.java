package dev.tether.junit;

import dev.tether.killer.fixture.RunningFixture;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Attaches each fixture's log to the test or class whose scope it belonged to, through JUnit's
 * {@code publishFile} (5.12 and later), so IDEs, the Open Test Reporting XML and CI test views list it beside the
 * result. Found by reflection: the extension runs on JUnit 5.9 too, and the media type moved from
 * {@code org.junit.jupiter.api.extension} (5.12, 5.13) to {@code org.junit.jupiter.api} (5.14, 6). Publishing
 * is a courtesy: a failure to publish is logged, never a test failure.
 */
final class LogPublisher {
    private static final Logger LOG = Logger.getLogger("dev.tether.junit");
    /** The newer media type first: JUnit 6 deprecates the older one for removal. */
    private static final List<String> MEDIA_TYPES =
            List.of("org.junit.jupiter.api.MediaType", "org.junit.jupiter.api.extension.MediaType");

    private static final Optional<Publisher> PUBLISHER = find();

    /** {@code ExtensionContext.publishFile(String, MediaType, ThrowingConsumer<Path>)} with text/plain UTF-8. */
    private record Publisher(Method publishFile, Object textPlain) {}

    private LogPublisher() {}

    /** Publishes {@code tether-<id>.log} for each fixture this scope started (a reused one's log is tether:run's). */
    static void publish(ExtensionContext context, List<RunningFixture> fixtures) {
        if (PUBLISHER.isEmpty()) {
            return;
        }
        for (RunningFixture fixture : fixtures) {
            Path log = fixture.logFile();
            if (fixture.isReused() || !Files.isRegularFile(log)) {
                continue;
            }
            ThrowingConsumer<Path> copy = target -> Files.copy(log, target, StandardCopyOption.REPLACE_EXISTING);
            try {
                PUBLISHER
                        .get()
                        .publishFile()
                        .invoke(
                                context,
                                "tether-" + fixture.id() + ".log",
                                PUBLISHER.get().textPlain(),
                                copy);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                Throwable cause = e instanceof InvocationTargetException target ? target.getCause() : e;
                LOG.fine(() -> "[tether] cannot publish " + log + ": " + cause);
            }
        }
    }

    private static Optional<Publisher> find() {
        for (String name : MEDIA_TYPES) {
            try {
                Class<?> mediaType = Class.forName(name, false, ExtensionContext.class.getClassLoader());
                Method publishFile = ExtensionContext.class.getMethod(
                        "publishFile", String.class, mediaType, ThrowingConsumer.class);
                return Optional.of(new Publisher(publishFile, textPlain(mediaType)));
            } catch (ReflectiveOperationException | LinkageError e) {
                // not this JUnit: try the next, or publish nothing (before 5.12)
            }
        }
        return Optional.empty();
    }

    private static Object textPlain(Class<?> mediaType) throws ReflectiveOperationException {
        try {
            return mediaType.getField("TEXT_PLAIN_UTF_8").get(null);
        } catch (NoSuchFieldException e) {
            return mediaType.getMethod("parse", String.class).invoke(null, "text/plain; charset=UTF-8");
        }
    }
}
