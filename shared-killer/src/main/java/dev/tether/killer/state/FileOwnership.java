package dev.tether.killer.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Who owns a path and its mode, as lstat(2) says it: never following a link, so a link planted in a shared
 * directory is seen as what it is. The one reader of these fields for every safety rule.
 */
public record FileOwnership(int uid, int mode) {
    private static final int TYPE_MASK = 0170000;
    private static final int DIRECTORY = 0040000;
    private static final int GROUP_OR_OTHER_WRITE = 0022;
    private static final int STICKY = 01000;

    /** Empty when the path is missing or the file system has no POSIX owners (Windows). */
    public static Optional<FileOwnership> read(Path path) {
        try {
            Map<String, Object> raw = Files.readAttributes(path, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
            return Optional.of(new FileOwnership((Integer) raw.get("uid"), (Integer) raw.get("mode")));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean isDirectory() {
        return (mode & TYPE_MASK) == DIRECTORY;
    }

    public boolean othersCanWrite() {
        return (mode & GROUP_OR_OTHER_WRITE) != 0;
    }

    public boolean isSticky() {
        return (mode & STICKY) != 0;
    }

    public String describeMode() {
        return String.format("%04o", mode & 07777);
    }

    public String describeType() {
        return switch (mode & TYPE_MASK) {
            case 0120000 -> "a symbolic link";
            case 0100000 -> "a regular file";
            case DIRECTORY -> "a directory";
            default -> "a special file";
        };
    }

    @Override
    public String toString() {
        return "owner uid " + uid + ", mode " + describeMode();
    }
}
