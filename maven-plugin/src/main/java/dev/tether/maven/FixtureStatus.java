package dev.tether.maven;

import dev.tether.killer.client.RecordedTree;
import dev.tether.killer.ports.PortOwners;
import dev.tether.killer.ports.PortOwners.Ownership;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.reuse.FixtureRecords;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One recorded fixture as it is now: its live processes and who serves each of its ports. */
record FixtureStatus(FixtureRecords.Entry entry, List<Integer> alive, Map<String, Ownership> ports) {
    /** Looks at the tree (as the supervisor would find it) and at each port's listeners. */
    static FixtureStatus of(FixtureRecords.Entry entry) {
        List<Integer> alive = RecordedTree.lookUp(entry.tree()).aliveMembers().stream()
                .map(ProcessInfo::pid)
                .toList();
        Map<String, Ownership> ports = new LinkedHashMap<>();
        entry.ports().forEach((name, port) -> ports.put(name, PortOwners.ownership(port, alive)));
        return new FixtureStatus(entry, alive, ports);
    }

    /** The shape documented on {@link StatusMojo#output}. */
    Map<String, Object> toJson() {
        Map<String, Object> ports = new LinkedHashMap<>();
        this.ports.forEach((name, ownership) -> {
            Map<String, Object> port = new LinkedHashMap<>();
            port.put("port", entry.ports().get(name));
            port.put(
                    "owner",
                    switch (ownership.kind()) {
                        case TREE -> "ok";
                        case OTHER -> "wrong";
                        case FREE -> "free";
                        case UNKNOWN -> "unknown";
                    });
            if (ownership.kind() == Ownership.Kind.OTHER) {
                port.put("holders", List.copyOf(ownership.otherHolders()));
            }
            ports.put(name, port);
        });
        Map<String, Object> fixture = new LinkedHashMap<>();
        fixture.put("id", entry.id());
        fixture.put("running", !alive.isEmpty());
        fixture.put("pid", entry.tree().leader().pid());
        fixture.put("processes", alive.size());
        fixture.put("ports", ports);
        return fixture;
    }

    /** One line for the build log. */
    String describe() {
        int pid = entry.tree().leader().pid();
        String state = alive.isEmpty()
                ? "NOT RUNNING (its launcher, pid " + pid + ", and every process of its tree are gone)"
                : "running, pid " + pid + ", " + StartMojo.plural(alive.size(), "process", "processes");
        String portText = ports.entrySet().stream()
                .map(p -> "port " + p.getKey() + " " + entry.ports().get(p.getKey()) + " " + describe(p.getValue()))
                .collect(Collectors.joining("; "));
        return entry.id() + " " + state + (portText.isEmpty() ? "" : "; " + portText);
    }

    private static String describe(Ownership ownership) {
        return switch (ownership.kind()) {
            case TREE -> "served by the tree";
            case FREE -> "(nothing listens)";
            case UNKNOWN -> "(owner unknown on this OS)";
            case OTHER ->
                "WRONG OWNER: held by " + PortOwners.describe(ownership.otherHolders()) + ", not by this tree";
        };
    }
}
