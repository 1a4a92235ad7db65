package dev.tether.killer.readiness;

import dev.tether.killer.logs.AppendedLines;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads only what was appended to the log since the last attempt. */
final class LogCheck implements ProbeCheck {
    private final Path log;
    private final AppendedLines lines;
    private final Pattern regex;
    private final int occurrence;
    private int matches;

    LogCheck(Path log, Pattern regex, int occurrence) {
        this.log = log;
        this.lines = new AppendedLines(log);
        this.regex = regex;
        this.occurrence = Math.max(1, occurrence);
    }

    @Override
    public boolean passes() {
        for (String line : lines.next()) {
            if (regex.matcher(line).find()) {
                matches++;
            }
        }
        return matches >= occurrence;
    }

    @Override
    public Optional<Path> changesWith() {
        return Optional.of(log);
    }

    @Override
    public String lastFailure() {
        return "/" + regex + "/ matched " + matches + " of the " + occurrence + " lines needed in " + log;
    }
}
