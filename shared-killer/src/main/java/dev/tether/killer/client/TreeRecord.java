package dev.tether.killer.client;

import dev.tether.killer.process.ProcessId;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything that identifies one running tree to someone who did not start it: the leader (pid and start time),
 * the cookie its environment carries, its cgroup where it has one, and the supervisor whose ledger records its
 * later members. The owner keeps one per tree to stop it itself should the supervisor die; an adapter writes
 * them to its state file so that another process ({@code tether:status}) finds the same tree the same way.
 *
 * <p>Text form, one line of {@value #WORDS} words: {@code tree <id, URL-encoded> <pid@start> <cookie> <cgroup or
 * -> <supervisor pid>}.
 */
public record TreeRecord(String id, ProcessId leader, String cookie, Optional<Path> cgroup, int supervisorPid) {
    /** The number of space-separated words of {@link #format()}. */
    public static final int WORDS = 6;

    private static final String NO_CGROUP = "-";

    public String format() {
        return String.join(
                " ",
                "tree",
                URLEncoder.encode(id, StandardCharsets.UTF_8),
                leader.toString(),
                cookie,
                cgroup.map(Path::toString).orElse(NO_CGROUP),
                Integer.toString(supervisorPid));
    }

    /**
     * Reads back {@link #format()}'s words.
     *
     * @throws IllegalArgumentException naming the word that does not fit
     */
    public static TreeRecord parse(String[] words) {
        if (words.length != WORDS || !"tree".equals(words[0])) {
            throw new IllegalArgumentException(
                    "expected '" + WORDS + " words: tree <id> <pid@start> <cookie> <cgroup> <supervisor>'");
        }
        if (!words[3].matches("[0-9a-fA-F-]{1,64}")) {
            throw new IllegalArgumentException("not a cookie: '" + words[3] + "'");
        }
        try {
            return new TreeRecord(
                    URLDecoder.decode(words[1], StandardCharsets.UTF_8),
                    ProcessId.parse(words[2]),
                    words[3],
                    NO_CGROUP.equals(words[4]) ? Optional.empty() : Optional.of(Path.of(words[4])),
                    Integer.parseInt(words[5]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + e.getMessage(), e);
        }
    }
}
