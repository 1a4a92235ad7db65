package dev.tether.killer.config;

import dev.tether.killer.InvalidSpecException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a group of fixtures before anything starts (unique ids, known needs, no cycles, unique port names,
 * known placeholders) and orders it into waves: each wave needs only fixtures of earlier waves.
 */
public final class GroupValidator {
    private GroupValidator() {}

    /** @return the fixtures in dependency waves; within a wave they are independent */
    public static List<List<FixtureSpec>> waves(List<FixtureSpec> specs, Wording words) {
        Map<String, FixtureSpec> byId = new LinkedHashMap<>();
        for (FixtureSpec spec : specs) {
            if (byId.put(spec.id(), spec) != null) {
                throw InvalidSpecException.located(ConfigMessages.duplicateId(words.plural(), spec.id()));
            }
        }
        Set<String> portNames = new HashSet<>();
        for (FixtureSpec spec : specs) {
            for (String need : spec.needs()) {
                if (!byId.containsKey(need)) {
                    throw InvalidSpecException.located(ConfigMessages.unknownNeed(
                            words.named(spec.id()),
                            need,
                            words.plural(),
                            byId.keySet().toString()));
                }
            }
            for (PortSpec port : spec.ports()) {
                if (!portNames.add(port.name())) {
                    throw InvalidSpecException.located(ConfigMessages.portNameTwice(port.name(), words.of(spec.id())));
                }
            }
        }
        for (FixtureSpec spec : specs) {
            checkPlaceholders(spec, portNames, words);
            checkOneshot(spec, words);
        }
        return layer(byId);
    }

    /** A one-shot task is ready when it exits 0: a probe or daemonizing would contradict that. */
    private static void checkOneshot(FixtureSpec spec, Wording words) {
        if (!spec.oneshot()) {
            return;
        }
        if (!spec.readiness().probes().isEmpty()) {
            throw InvalidSpecException.located(ConfigMessages.oneshotWithProbes(
                    words.named(spec.id()), spec.readiness().probes().toString()));
        }
        if (spec.daemonizes()) {
            throw InvalidSpecException.located(ConfigMessages.oneshotDaemonizes(words.named(spec.id())));
        }
    }

    private static void checkPlaceholders(FixtureSpec spec, Set<String> ports, Wording words) {
        String fixture = words.of(spec.id());
        spec.command().forEach(arg -> Placeholders.check(arg, "the command of " + fixture, ports));
        spec.environment()
                .forEach((k, v) -> Placeholders.check(v, "environment variable " + k + " of " + fixture, ports));
        Placeholders.check(spec.workingDirectory().toString(), "the working directory of " + fixture, ports);
        for (Probe probe : spec.readiness().probes()) {
            String where = "the readiness probe '" + probe + "' of " + fixture;
            if (probe instanceof Probe.Tcp tcp) {
                Placeholders.check(tcp.host() + " " + tcp.port(), where, ports);
            } else if (probe instanceof Probe.Http http) {
                Placeholders.check(http.url(), where, ports);
            } else if (probe instanceof Probe.FileExists file) {
                Placeholders.check(file.path(), where, ports);
            } else if (probe instanceof Probe.Command command) {
                command.argv().forEach(arg -> Placeholders.check(arg, where, ports));
            }
        }
    }

    /** Kahn's algorithm by levels; whatever cannot be placed is on a cycle, which is named. */
    private static List<List<FixtureSpec>> layer(Map<String, FixtureSpec> byId) {
        List<List<FixtureSpec>> waves = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        while (placed.size() < byId.size()) {
            List<FixtureSpec> wave = new ArrayList<>();
            for (FixtureSpec spec : byId.values()) {
                if (!placed.contains(spec.id()) && placed.containsAll(spec.needs())) {
                    wave.add(spec);
                }
            }
            if (wave.isEmpty()) {
                throw InvalidSpecException.located(ConfigMessages.needsCycle(cycle(byId, placed)));
            }
            wave.forEach(spec -> placed.add(spec.id()));
            waves.add(wave);
        }
        return waves;
    }

    /** Walks needs from an unplaced fixture until one repeats: "a -> b -> c -> a". */
    private static String cycle(Map<String, FixtureSpec> byId, Set<String> placed) {
        String current = byId.keySet().stream()
                .filter(id -> !placed.contains(id))
                .findFirst()
                .orElseThrow();
        Map<String, Integer> seenAt = new HashMap<>();
        List<String> path = new ArrayList<>();
        while (!seenAt.containsKey(current)) {
            seenAt.put(current, path.size());
            path.add(current);
            current = byId.get(current).needs().stream()
                    .filter(need -> !placed.contains(need))
                    .findFirst()
                    .orElseThrow();
        }
        List<String> loop = new ArrayList<>(path.subList(seenAt.get(current), path.size()));
        loop.add(current);
        return String.join(" -> ", loop);
    }
}
