package dev.tether.junit;

import dev.tether.killer.reuse.ReuseSetting;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Whether this run reuses what {@code mvn tether:run} keeps up: the configuration parameter (or system property)
 * {@code tether.reuse=true}, off on CI. The record is read from the Tether directory, {@code target/tether}
 * unless {@code tether.directory} says otherwise: where tether:run writes it when the IDE runs the tests from
 * the module's directory, as it does by default.
 */
final class ReuseChoice {
    private static final Logger LOG = Logger.getLogger("dev.tether.junit");
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private ReuseChoice() {}

    /** The record file to reuse from; null when reuse is off. */
    static Path recordFile(ExtensionContext context, Path tetherDirectory) {
        boolean asked = ReuseSetting.asked(
                context.getConfigurationParameter(ReuseSetting.PROPERTY).orElse(null));
        ReuseSetting setting = ReuseSetting.of(asked);
        setting.warning().filter(w -> WARNED.compareAndSet(false, true)).ifPresent(LOG::warning);
        return setting.on() ? tetherDirectory.resolve(ReuseSetting.RECORD_FILE).toAbsolutePath() : null;
    }
}
