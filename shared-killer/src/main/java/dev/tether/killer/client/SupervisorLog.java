package dev.tether.killer.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The supervisor's own log, as error messages quote it: the cause of a failed start is often only written there. */
final class SupervisorLog {
    private static final int EXCERPT_LINES = 12;

    private SupervisorLog() {}

    /** The end of the log, as the tail of a sentence (". It said: ..."), after the process had time to finish it. */
    static String excerpt(Process process, Path logFile) {
        List<String> lines;
        try {
            process.waitFor(500, TimeUnit.MILLISECONDS); // let a dying supervisor finish its last words
            lines = Files.readAllLines(logFile);
        } catch (IOException e) {
            return ". Its log is " + logFile + ".";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ". Its log is " + logFile + ".";
        }
        List<String> tail = lines.subList(Math.max(0, lines.size() - EXCERPT_LINES), lines.size());
        return tail.isEmpty()
                ? ". Its log " + logFile + " is empty."
                : ". It said:\n    " + String.join("\n    ", tail) + "\n(full log: " + logFile + ")";
    }

    /** How the supervisor process ended, for the message that reports its death. */
    static String exitOf(Process process) {
        try {
            if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
                int status = process.exitValue();
                return status > 128 ? "killed by signal " + (status - 128) : "exit status " + status;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "its pipe closed";
    }

    /** The innermost cause, named: what actually went wrong under the layers of wrapping. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
