package dev.tether.killer.stop;

import dev.tether.killer.text.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What a stop did: how each member ended, what survived, and how long it took. */
public record StopReport(String fixture, List<ProcessOutcome> ended, List<Survivor> survivors, Duration took) {
    public StopReport {
        ended = List.copyOf(ended);
        survivors = List.copyOf(survivors);
    }

    public boolean isClean() {
        return survivors.isEmpty();
    }

    /** One line for a build log: "web: 3 processes ended (2 by TERM, 1 by KILL) in 12ms". */
    public String summary() {
        return summary(fixture);
    }

    /** The same line under another name (a group reports its fixtures by their ids, not the supervisor's keys). */
    public String summary(String name) {
        String byStep = ended.stream()
                .collect(Collectors.groupingBy(o -> o.endedBy().name(), TreeMap::new, Collectors.counting()))
                .entrySet()
                .stream()
                .map(e -> e.getValue() + " by " + e.getKey())
                .collect(Collectors.joining(", "));
        String line = name + ": " + ended.size() + (ended.size() == 1 ? " process" : " processes") + " ended"
                + (byStep.isEmpty() ? "" : " (" + byStep + ")") + " in " + Durations.format(took);
        if (!survivors.isEmpty()) {
            line += "; " + survivors.size() + " SURVIVED: "
                    + survivors.stream().map(Survivor::toString).collect(Collectors.joining(", "));
        }
        return line;
    }

    /** This stop followed by a second pass over the same tree: everything either ended, what the second left. */
    public StopReport followedBy(StopReport second) {
        List<ProcessOutcome> all = new ArrayList<>(ended);
        all.addAll(second.ended());
        return new StopReport(fixture, all, second.survivors(), took.plus(second.took()));
    }
}
