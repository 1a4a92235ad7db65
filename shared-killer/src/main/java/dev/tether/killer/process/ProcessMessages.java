package dev.tether.killer.process;

import java.nio.file.Path;
import java.util.List;

/**
 * What is said when a process cannot be launched as declared (checked by the fixture spec, the group's check
 * before anything starts and the client's spawn alike), or a signal is named wrongly. Each message says what is
 * wrong, with the offending value, and the fix. {@code who} names the fixture as the user declared it, e.g.
 * {@code <process> 'web'}. The troubleshooting page lists every one (TroubleshootingPageTest keeps it so).
 */
public final class ProcessMessages {
    private ProcessMessages() {}

    public static String noCommand(String who) {
        return who + " has no command. Give the executable and its arguments, e.g. python3 -m http.server"
                + " ${tether.port.web}.";
    }

    public static String noWorkingDirectory(String who, Path directory) {
        return who + ": working directory " + directory
                + " does not exist. Create it or point workingDirectory at an existing directory.";
    }

    public static String notOnPath(String who, String command, List<String> searched) {
        return who + ": command '" + command + "' was not found on PATH (searched "
                + (searched.isEmpty() ? "nothing: PATH is empty" : String.join(", ", searched))
                + "). Install it, fix the spelling, or give its absolute path.";
    }

    public static String noSuchFile(String who, String command, Path path, Path workingDirectory) {
        return who + ": command '" + command + "' does not exist (" + path
                + "). Fix the path; relative paths start from the working directory " + workingDirectory + ".";
    }

    public static String isADirectory(String who, Path path) {
        return who + ": command " + path + " is a directory. Name the executable inside it.";
    }

    public static String notExecutable(String who, Path path) {
        return who + ": " + path + " exists but is not executable. Run 'chmod +x " + path
                + "' or start it through its interpreter (e.g. sh " + path + ").";
    }

    public static String unknownSignal(String text, List<String> known) {
        return "Unknown signal '" + text + "'. Use one of " + String.join(", ", known)
                + " (with or without the SIG prefix), or its number.";
    }

    public static String noSignalNumbered(int number) {
        return "No Tether signal has number " + number + ". Use TERM (15), INT (2), HUP (1), QUIT (3), KILL (9),"
                + " USR1 (10) or USR2 (12).";
    }
}
