package dev.tether.killer.platform;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.util.Optional;
import java.util.OptionalLong;

/** Unique ids through {@code proc_pidinfo}: one system call per process asked about. Not run by CI (macOS only). */
final class MacUniqueIds implements UniqueIds {
    private final DarwinLibC c;

    private MacUniqueIds(DarwinLibC c) {
        this.c = c;
    }

    static Optional<UniqueIds> load() {
        try {
            return Optional.of(new MacUniqueIds(DarwinLibC.load()));
        } catch (UnsatisfiedLinkError e) {
            return Optional.empty();
        }
    }

    @Override
    public OptionalLong of(int pid) {
        return read(pid).map(ids -> OptionalLong.of(ids.uniqueId())).orElse(OptionalLong.empty());
    }

    @Override
    public OptionalLong parentOf(int pid) {
        return read(pid).map(ids -> OptionalLong.of(ids.parentUniqueId())).orElse(OptionalLong.empty());
    }

    private Optional<DarwinUniqueIds> read(int pid) {
        Memory buffer = new Memory(DarwinUniqueIds.SIZE);
        try {
            int written = c.proc_pidinfo(pid, DarwinUniqueIds.FLAVOR, 0, buffer, DarwinUniqueIds.SIZE);
            return written == DarwinUniqueIds.SIZE
                    ? Optional.of(DarwinUniqueIds.parse(buffer.getByteBuffer(0, DarwinUniqueIds.SIZE)))
                    : Optional.empty();
        } catch (LastErrorException e) {
            return Optional.empty(); // gone, or another user's
        }
    }
}
