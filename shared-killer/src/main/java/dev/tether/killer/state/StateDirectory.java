package dev.tether.killer.state;

import dev.tether.killer.SupervisorException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * The per-user directory where Tether keeps its state: supervisor logs, ledgers, the extracted JNA library, the
 * class-data archive. Machines are shared and {@code /tmp} is writable by everyone, so before every use the
 * directory is checked, without following links, to be a real directory owned by this user that nobody else
 * can write into. Inside a directory like that, no other local user can plant, replace or redirect a file.
 *
 * <p>Location: the system property {@code tether.stateDirectory}, else {@code $XDG_RUNTIME_DIR/tether} when
 * that is set, else {@code <java.io.tmpdir>/tether-<uid>}.
 */
public final class StateDirectory {
    /** The system property that moves the state directory (a shared or hostile temp directory, a test). */
    public static final String PROPERTY = "tether.stateDirectory";

    private final Path path;
    private final int uid;

    StateDirectory(Path path, int uid) {
        this.path = path.toAbsolutePath().normalize();
        this.uid = uid;
    }

    /** This user's state directory, created when missing, and verified. */
    public static StateDirectory forThisUser() {
        return new StateDirectory(defaultLocation(System.getProperties(), System.getenv()), CurrentUser.uid())
                .verified();
    }

    /** An explicit directory (tests, a ledger directory given by the caller), created when missing, verified. */
    public static StateDirectory at(Path path) {
        return new StateDirectory(path, CurrentUser.uid()).verified();
    }

    static Path defaultLocation(Map<Object, Object> properties, Map<String, String> environment) {
        Object configured = properties.get(PROPERTY);
        if (configured != null && !configured.toString().isBlank()) {
            return Paths.get(configured.toString());
        }
        String runtime = environment.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Paths.get(runtime))) {
            return Paths.get(runtime, "tether");
        }
        return Paths.get(String.valueOf(properties.get("java.io.tmpdir")), "tether-" + CurrentUser.uid());
    }

    public Path path() {
        return path;
    }

    /**
     * A subdirectory, created with mode 0700 when missing, and verified like this one: only this user can write
     * here, so nobody else can have put anything in its place, but a check costs one stat.
     */
    public StateDirectory subdirectory(String name) {
        return new StateDirectory(verified().path.resolve(name), uid).verified();
    }

    /** A file of this directory, after verifying the directory again. */
    public Path file(String name) {
        return verified().path.resolve(name);
    }

    /**
     * Creates the directory (mode 0700) if it is missing, then checks it.
     *
     * @throws SupervisorException naming the path, its owner and mode, and the fix, if it is not safe to use
     */
    public StateDirectory verified() {
        Optional<FileOwnership> existing = FileOwnership.read(path);
        if (existing.isPresent()) {
            check(existing); // the common case: one lstat, no exception thrown and caught
            return this;
        }
        try {
            Files.createDirectory(
                    path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            // checked below
        } catch (UnsupportedOperationException e) {
            return this; // not a POSIX file system (Windows): per-user profile directories are private already
        } catch (IOException e) {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new SupervisorException(StateMessages.cannotCreate(path, String.valueOf(e), PROPERTY), e);
            }
        }
        check(FileOwnership.read(path));
        return this;
    }

    /** The safety rule, over what lstat says: a directory, owned by this user, writable by nobody else. */
    void check(Optional<FileOwnership> attributes) {
        if (attributes.isEmpty()) {
            throw unsafe("it vanished while being checked");
        }
        FileOwnership found = attributes.get();
        if (!found.isDirectory()) {
            throw unsafe("it is not a directory but " + found.describeType() + " (owner uid " + found.uid() + ")");
        }
        if (found.uid() != uid) {
            throw unsafe("it belongs to uid " + found.uid() + ", not to you (uid " + uid + "), mode "
                    + found.describeMode());
        }
        if (found.othersCanWrite()) {
            throw unsafe("others can write into it (mode " + found.describeMode() + ")");
        }
    }

    private SupervisorException unsafe(String why) {
        return new SupervisorException(StateMessages.refused(path, why, PROPERTY));
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
