package dev.tether.killer.supervisor;

import dev.tether.killer.tree.ProcessId;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A supervisor's record of its live trees, in a file under the temp directory, so that when the owner and the
 * supervisor both die (SIGKILL, power-off of a container) the next supervisor can find and reap what was left.
 *
 * <pre>
 * supervisor 4242@123456
 * owner 4200@123400
 * fixture web 4250@123500 3f1c...-cookie /sys/fs/cgroup/unified/tether-4242/fixture-1 4251@123501 4260@123502
 * </pre>
 *
 * A fixture line ends with every member seen so far, each as pid@starttime, so no stranger is ever signalled.
 */
final class Ledger {
    /** One fixture as recorded: enough to find its tree again without the supervisor that started it. */
    record Entry(String key, ProcessId leader, String cookie, Optional<Path> cgroup, List<ProcessId> members) {}

    /** A whole ledger file as read back. */
    record Record(Path file, ProcessId supervisor, ProcessId owner, List<Entry> entries) {}

    private final Path file;
    private final ProcessId supervisor;
    private final ProcessId owner;

    Ledger(Path directory, ProcessId supervisor, ProcessId owner) {
        this.file = directory.resolve("supervisor-" + supervisor.pid() + ".ledger");
        this.supervisor = supervisor;
        this.owner = owner;
    }

    static Path defaultDirectory() {
        return Paths.get(System.getProperty("java.io.tmpdir"), "tether-" + System.getProperty("user.name"), "ledgers");
    }

    Path file() {
        return file;
    }

    /** Rewrites the ledger atomically: a reader never sees half a file. */
    synchronized void write(List<Entry> entries) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder();
        text.append("supervisor ").append(supervisor).append('\n');
        text.append("owner ").append(owner).append('\n');
        for (Entry entry : entries) {
            text.append("fixture ")
                    .append(URLEncoder.encode(entry.key(), StandardCharsets.UTF_8))
                    .append(' ')
                    .append(entry.leader())
                    .append(' ')
                    .append(entry.cookie())
                    .append(' ')
                    .append(entry.cgroup().map(Path::toString).orElse("-"));
            for (ProcessId member : entry.members()) {
                text.append(' ').append(member);
            }
            text.append('\n');
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stale ledger is swept later
        }
    }

    static List<Record> readAll(Path directory) {
        List<Record> records = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return records;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".ledger")).toList()) {
                read(file).ifPresent(records::add);
            }
        } catch (IOException e) {
            // unreadable directory: nothing to sweep
        }
        return records;
    }

    static Optional<Record> read(Path file) {
        try {
            ProcessId supervisor = null;
            ProcessId owner = null;
            List<Entry> entries = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] words = line.split(" ");
                switch (words[0]) {
                    case "supervisor" -> supervisor = ProcessId.parse(words[1]);
                    case "owner" -> owner = ProcessId.parse(words[1]);
                    case "fixture" -> {
                        List<ProcessId> members = new ArrayList<>();
                        for (int i = 5; i < words.length; i++) {
                            members.add(ProcessId.parse(words[i]));
                        }
                        entries.add(new Entry(
                                URLDecoder.decode(words[1], StandardCharsets.UTF_8),
                                ProcessId.parse(words[2]),
                                words[3],
                                words[4].equals("-") ? Optional.empty() : Optional.of(Paths.get(words[4])),
                                members));
                    }
                    default -> {}
                }
            }
            return supervisor == null || owner == null
                    ? Optional.empty()
                    : Optional.of(new Record(file, supervisor, owner, entries));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
