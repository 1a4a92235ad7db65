package dev.tether.killer.reuse;

import dev.tether.killer.client.ProcessSupervisor;
import dev.tether.killer.client.RecordedTree;
import dev.tether.killer.config.FixtureSpec;
import dev.tether.killer.config.Placeholders;
import dev.tether.killer.config.Wording;
import dev.tether.killer.platform.Backend;
import dev.tether.killer.ports.PortOwners;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.ProcessInspector;
import dev.tether.killer.readiness.ProbeCheck;
import dev.tether.killer.readiness.ProbeChecks;
import dev.tether.killer.readiness.ProbeContext;
import dev.tether.killer.state.CurrentUser;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides, fixture by fixture in start order, which of a group's fixtures may use one that {@code tether:run}
 * keeps up instead of starting: the same id and {@link FixtureFingerprint}; every fixture it needs reused too
 * (a fresh database under a reused server would be a different system); still alive, with start times that
 * match; this user's processes; each recorded port served by that tree (or by nobody, never by a stranger);
 * and its readiness probes passing now. A one-shot task is skipped when it completed under tether:run and what
 * it needs was reused. Anything else starts as usual, with a line saying why.
 */
public final class ReuseCheck {
    /** Reused fixtures by id, and one line per fixture saying what happened. */
    public record Decision(Map<String, Reused> reused, List<String> notes) {
        public static final Decision NONE = new Decision(Map.of(), List.of());
    }

    /** A fixture that is reused: as recorded, and its tree found again. */
    public record Reused(FixtureRecords.Entry entry, RecordedTree tree) {}

    private final Map<String, FixtureRecords.Entry> recorded = new HashMap<>();
    private final Path recordFile;
    private final Wording words;
    private final ProcessSupervisor supervisor;
    private final ProcessInspector inspector = Backend.current().inspector();
    private final Map<String, Reused> reused = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    private ReuseCheck(
            Path recordFile, List<FixtureRecords.Entry> entries, Wording words, ProcessSupervisor supervisor) {
        this.recordFile = recordFile;
        this.words = words;
        this.supervisor = supervisor;
        entries.forEach(entry -> recorded.put(entry.id(), entry));
    }

    /**
     * @param specs in start order (a fixture after those it needs)
     * @throws IOException when the record file exists but cannot be read as one
     */
    public static Decision decide(Path recordFile, List<FixtureSpec> specs, Wording words, ProcessSupervisor supervisor)
            throws IOException {
        ReuseCheck check = new ReuseCheck(recordFile, FixtureRecords.read(recordFile), words, supervisor);
        specs.forEach(spec -> check.refusal(spec).ifPresent(check.notes::add));
        return new Decision(Map.copyOf(check.reused), List.copyOf(check.notes));
    }

    /** Why this fixture starts; empty when it is reused (and then recorded as such). */
    private Optional<String> refusal(FixtureSpec spec) {
        String who = words.named(spec.id());
        FixtureRecords.Entry entry = recorded.get(spec.id());
        if (entry == null) {
            return Optional.of(ReuseMessages.notRecorded(who, recordFile.toString()));
        }
        if (!entry.fingerprint().equals(FixtureFingerprint.of(spec))) {
            return Optional.of(ReuseMessages.changed(who));
        }
        Optional<String> fresh =
                spec.needs().stream().filter(n -> !reused.containsKey(n)).findFirst();
        if (fresh.isPresent()) {
            return Optional.of(ReuseMessages.needsFresh(who, words.named(fresh.get())));
        }
        RecordedTree tree = RecordedTree.lookUp(entry.tree());
        if (spec.oneshot()) {
            accept(spec, entry, tree, ReuseMessages.reusedTask(who));
            return Optional.empty();
        }
        List<Integer> alive = tree.aliveMembers().stream().map(ProcessInfo::pid).toList();
        if (alive.isEmpty()) {
            return Optional.of(ReuseMessages.gone(who));
        }
        int me = CurrentUser.uid();
        Optional<Integer> foreign = alive.stream()
                .filter(pid -> {
                    int uid = inspector.uid(pid); // -1: gone since the look, or unknown on this OS
                    return uid >= 0 && uid != me;
                })
                .findFirst();
        if (foreign.isPresent()) {
            return Optional.of(ReuseMessages.notOurs(who, foreign.get()));
        }
        for (Map.Entry<String, Integer> port : entry.ports().entrySet()) {
            PortOwners.Ownership owner = PortOwners.ownership(port.getValue(), alive);
            if (owner.kind() == PortOwners.Ownership.Kind.OTHER) {
                return Optional.of(ReuseMessages.portTaken(
                        who, port.getKey(), port.getValue(), PortOwners.describe(owner.otherHolders())));
            }
        }
        Optional<String> notReady = readinessFailure(spec, entry);
        if (notReady.isPresent()) {
            return Optional.of(ReuseMessages.notReady(who, notReady.get()));
        }
        String ports = entry.ports().isEmpty() ? "" : ", ports " + entry.ports();
        accept(
                spec,
                entry,
                tree,
                ReuseMessages.reused(who, entry.tree().leader().pid(), ports));
        return Optional.empty();
    }

    private void accept(FixtureSpec spec, FixtureRecords.Entry entry, RecordedTree tree, String note) {
        reused.put(spec.id(), new Reused(entry, tree));
        notes.add(note);
    }

    /** One look at each probe, with the recorded ports: empty when the fixture counts as ready. */
    private Optional<String> readinessFailure(FixtureSpec spec, FixtureRecords.Entry entry) {
        if (spec.readiness().probes().isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> ports = new HashMap<>();
        reused.values().forEach(earlier -> ports.putAll(earlier.entry().ports())); // a probe may name theirs
        ports.putAll(entry.ports());
        Placeholders placeholders = new Placeholders(ports);
        ProbeContext context = new ProbeContext(
                spec.id(),
                words.of(spec.id()),
                spec.id() + "#reuse-check",
                entry.log(),
                Path.of(placeholders.resolve(spec.workingDirectory().toString(), words.of(spec.id()))),
                System.nanoTime() - Duration.ofDays(1).toNanos(), // started long ago: a delay probe has passed
                supervisor,
                placeholders,
                ports);
        List<ProbeCheck> checks = spec.readiness().probes().stream()
                .map(probe -> ProbeChecks.of(probe, context))
                .toList();
        List<ProbeCheck> failed =
                checks.stream().filter(check -> !check.passes()).toList();
        boolean ready = spec.readiness().any() ? failed.size() < checks.size() : failed.isEmpty();
        return ready
                ? Optional.empty()
                : Optional.of(failed.stream().map(ProbeCheck::lastFailure).collect(Collectors.joining("; ")));
    }
}
