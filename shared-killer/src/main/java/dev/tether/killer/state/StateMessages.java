package dev.tether.killer.state;

import java.nio.file.Path;

/** What is said when Tether's private state directory cannot be made or trusted, and how to fix it. */
public final class StateMessages {
    private StateMessages() {}

    public static String cannotCreate(Path directory, String error, String property) {
        return "Cannot create Tether's state directory " + directory + ": " + error + ". Make its parent writable,"
                + " or point -D" + property + " at a directory of your own.";
    }

    public static String refused(Path directory, String why, String property) {
        return "Tether refuses to use its state directory " + directory + ": " + why + ". Another user of this"
                + " machine could plant files there. Remove it (rm -rf " + directory + ") so Tether creates it"
                + " afresh with mode 0700, or point -D" + property + " at a directory that only you can write.";
    }

    public static String unknownUser(String error, String temporaryDirectory) {
        return "Cannot tell which user this JVM runs as (" + error + "); Tether needs it to verify that its state"
                + " directory is private. Check that java.io.tmpdir (" + temporaryDirectory + ") is writable.";
    }
}
