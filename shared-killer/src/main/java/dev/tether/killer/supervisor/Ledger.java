package dev.tether.killer.supervisor;

import dev.tether.killer.process.ProcessId;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A supervisor's record of its live trees, in a file of the verified private state directory, so that when the
 * owner and the supervisor both die (SIGKILL, power-off of a container) the next supervisor can find and reap
 * what was left.
 *
 * <pre>
 * supervisor 4242@123456
 * owner 4200@123400
 * fixture web 4250@123500 3f1c...-cookie /sys/fs/cgroup/unified/tether-4242/fixture-1 4251@123501 4260@123502
 * settled web 123620
 * unclaimed 4270@123900
 * launching api 122600
 * ended 4190@122000 122480
 * </pre>
 *
 * A fixture line ends with every member seen and not found dead since, each as pid@starttime, so no
 * stranger is ever signalled;
 * a {@code settled} line gives the start time by which the fixture above it had finished starting: its launcher
 * exited, its owner found it ready, or its stop began, so whatever its start left behind started before (on a
 * backend without a subreaper, another build weighs its orphans against it: see {@link InitOrphans});
 * {@code unclaimed} lines list processes the subreaper adopted that no tree could claim; a {@code launching} line
 * (key, a floor of its start time) a launch about to fork, written before it on a backend without a subreaper, so
 * that another build never judges an orphan it made before its fixture line is written; an {@code ended} line (leader,
 * settled) a fixture stopped in the last minute, whose launch another build may still weigh. A ledger is evidence,
 * not orders: the sweep acts only on identities that match a live process exactly (see {@link LedgerSweeper}),
 * and a file that does not parse is rejected whole.
 */
final class Ledger {
    /** One fixture as recorded: enough to find its tree again without the supervisor that started it. */
    record Entry(
            String key,
            ProcessId leader,
            String cookie,
            Optional<Path> cgroup,
            List<ProcessId> members,
            OptionalLong settled) {
        Entry settledAt(long startTime) {
            return new Entry(key, leader, cookie, cgroup, members, OptionalLong.of(startTime));
        }
    }

    /**
     * A fixture of a backend without a subreaper, stopped recently: another build judging an orphan late (its reaper
     * slow on a loaded machine) must still count it as a possible maker. {@code settled} as in {@link Entry}.
     */
    record Ended(ProcessId leader, long settled) {}

    /** A whole ledger file as read back. */
    record Record(
            Path file,
            ProcessId supervisor,
            ProcessId owner,
            String backend,
            List<Entry> entries,
            List<ProcessId> unclaimed,
            List<Long> launching,
            List<Ended> ended) {}

    /** The backend of a ledger written before ledgers named theirs: only the linux one wrote ledgers then. */
    static final String BACKEND_OF_OLD_LEDGERS = "linux";

    /** A ledger file that does not follow the format: reported and kept aside, never acted on. */
    static final class MalformedLedgerException extends Exception {
        private final transient Path file;

        MalformedLedgerException(Path file, int line, String why) {
            super(file + " line " + line + ": " + why);
            this.file = file;
        }

        Path file() {
            return file;
        }
    }

    private final Path file;
    private final ProcessId supervisor;
    private final ProcessId owner;
    private final String backend;

    /**
     * @param backend the supervisor's backend: its start times are in that backend's units (clock ticks since
     *     boot on linux, epoch milliseconds on portable), so a ledger is only acted on by a supervisor of its own
     */
    Ledger(Path directory, ProcessId supervisor, ProcessId owner, String backend) {
        this.file = directory.resolve("supervisor-" + supervisor.pid() + ".ledger");
        this.supervisor = supervisor;
        this.owner = owner;
        this.backend = backend;
    }

    /**
     * The fixtures other live supervisors of this user (other builds, other test forks) have launched, as their
     * ledgers say, each with the end of its start when known: on the portable backend, one of them may have made
     * an orphan as well.
     */
    List<OrphanMakers.Rival> rivalsOfOtherSupervisors() {
        List<OrphanMakers.Rival> rivals = new ArrayList<>();
        for (Record record : readAll(file.getParent()).records()) {
            if (!record.supervisor().equals(supervisor) && record.backend().equals(backend)) {
                record.entries()
                        .forEach(entry -> rivals.add(new OrphanMakers.Rival(
                                entry.leader(), entry.settled().orElse(OrphanMakers.Rival.STILL_STARTING))));
                // a launch not registered yet: anything started since its floor may be its (pid 0 orders nothing)
                record.launching()
                        .forEach(floor -> rivals.add(new OrphanMakers.Rival(
                                new ProcessId(0, floor - 1), OrphanMakers.Rival.STILL_STARTING)));
                record.ended().forEach(ended -> rivals.add(new OrphanMakers.Rival(ended.leader(), ended.settled())));
            }
        }
        return rivals;
    }

    Path file() {
        return file;
    }

    /** Rewrites the ledger atomically: a reader never sees half a file. */
    synchronized void write(
            List<Entry> entries, Collection<ProcessId> unclaimed, Map<String, Long> launching, Collection<Ended> ended)
            throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("supervisor ").append(supervisor).append('\n');
        text.append("backend ").append(backend).append('\n');
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
            if (entry.settled().isPresent()) {
                text.append("settled ")
                        .append(URLEncoder.encode(entry.key(), StandardCharsets.UTF_8))
                        .append(' ')
                        .append(entry.settled().getAsLong())
                        .append('\n');
            }
        }
        for (ProcessId orphan : unclaimed) {
            text.append("unclaimed ").append(orphan).append('\n');
        }
        launching.forEach((key, floor) -> text.append("launching ")
                .append(URLEncoder.encode(key, StandardCharsets.UTF_8))
                .append(' ')
                .append(floor)
                .append('\n'));
        ended.forEach(fixture -> text.append("ended ")
                .append(fixture.leader())
                .append(' ')
                .append(fixture.settled())
                .append('\n'));
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

    /** What a directory of ledgers holds: the records that parse, and the files that do not. */
    record Reading(List<Record> records, List<MalformedLedgerException> rejected) {}

    static Reading readAll(Path directory) {
        List<Record> records = new ArrayList<>();
        List<MalformedLedgerException> rejected = new ArrayList<>();
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return new Reading(records, rejected);
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".ledger")).toList()) {
                try {
                    records.add(read(file));
                } catch (MalformedLedgerException e) {
                    rejected.add(e);
                } catch (IOException e) {
                    // vanished (its supervisor ended cleanly) or unreadable: nothing to act on
                }
            }
        } catch (IOException e) {
            // unreadable directory: nothing to sweep
        }
        return new Reading(records, rejected);
    }

    /**
     * Parses a ledger strictly: every identity needs a start time (0 is never valid), a cgroup must be one this
     * supervisor made (see {@link LedgerWords#isTetherCgroup}), and anything unexpected rejects the whole file.
     */
    static Record read(Path file) throws IOException, MalformedLedgerException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new MalformedLedgerException(file, 0, "not a regular file");
        }
        ProcessId supervisor = null;
        ProcessId owner = null;
        String backend = BACKEND_OF_OLD_LEDGERS;
        List<Entry> entries = new ArrayList<>();
        List<ProcessId> unclaimed = new ArrayList<>();
        List<Long> launching = new ArrayList<>();
        List<Ended> ended = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int n = 1; n <= lines.size(); n++) {
            String[] words = lines.get(n - 1).split(" ");
            try {
                switch (words[0]) {
                    case "supervisor" -> supervisor = LedgerWords.identity(words[1]);
                    case "owner" -> owner = LedgerWords.identity(words[1]);
                    case "backend" -> backend = LedgerWords.backendName(words[1]);
                    case "fixture" -> {
                        if (supervisor == null) {
                            throw new IllegalArgumentException("a fixture before the supervisor line");
                        }
                        List<ProcessId> members = new ArrayList<>();
                        for (int i = 5; i < words.length; i++) {
                            members.add(LedgerWords.identity(words[i]));
                        }
                        Optional<Path> cgroup =
                                words[4].equals("-") ? Optional.empty() : Optional.of(Paths.get(words[4]));
                        if (cgroup.isPresent() && !LedgerWords.isTetherCgroup(cgroup.get(), supervisor.pid())) {
                            throw new IllegalArgumentException("cgroup " + words[4]
                                    + " is not one Tether made for supervisor " + supervisor.pid());
                        }
                        entries.add(new Entry(
                                URLDecoder.decode(words[1], StandardCharsets.UTF_8),
                                LedgerWords.identity(words[2]),
                                words[3],
                                cgroup,
                                members,
                                OptionalLong.empty()));
                    }
                    case "settled" -> settle(entries, URLDecoder.decode(words[1], StandardCharsets.UTF_8), words[2]);
                    case "unclaimed" -> unclaimed.add(LedgerWords.identity(words[1]));
                    case "launching" -> launching.add(LedgerWords.startTime(words[2]));
                    case "ended" ->
                        ended.add(new Ended(LedgerWords.identity(words[1]), LedgerWords.startTime(words[2])));
                    default -> throw new IllegalArgumentException("unknown line kind '" + words[0] + "'");
                }
            } catch (RuntimeException e) {
                throw new MalformedLedgerException(file, n, String.valueOf(e.getMessage()));
            }
        }
        if (supervisor == null || owner == null) {
            throw new MalformedLedgerException(file, lines.size(), "no supervisor or owner line");
        }
        return new Record(file, supervisor, owner, backend, entries, unclaimed, launching, ended);
    }

    /** A settled line names the fixture line just above it and a start time. */
    private static void settle(List<Entry> entries, String key, String startTime) {
        int last = entries.size() - 1;
        if (last < 0 || !entries.get(last).key().equals(key)) {
            throw new IllegalArgumentException("settled '" + key + "' does not follow that fixture's line");
        }
        long time = LedgerWords.startTime(startTime);
        entries.set(last, entries.get(last).settledAt(time));
    }

    /** Moves a rejected ledger out of the sweep's way, keeping it for a look. */
    static Path setAside(Path file) {
        Path aside = file.resolveSibling(file.getFileName() + ".rejected");
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            return aside;
        } catch (IOException e) {
            return file;
        }
    }
}
