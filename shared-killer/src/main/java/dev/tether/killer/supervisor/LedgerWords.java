package dev.tether.killer.supervisor;

import dev.tether.killer.process.ProcessId;
import java.nio.file.Path;

/** The words of a ledger line, checked: anything unexpected rejects the whole file (see {@link Ledger#read}). */
final class LedgerWords {
    private LedgerWords() {}

    static long startTime(String text) {
        long time = Long.parseLong(text);
        if (time <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not a start time");
        }
        return time;
    }

    static String backendName(String text) {
        if (!text.matches("[a-z]{1,16}")) {
            throw new IllegalArgumentException("'" + text + "' is not a backend name");
        }
        return text;
    }

    static ProcessId identity(String text) {
        ProcessId id = ProcessId.parse(text);
        if (id.pid() <= 1 || id.startTime() <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not a process identity Tether records");
        }
        return id;
    }

    /**
     * Only cgroups of the form {@code <cgroup2 mount>/.../tether-<supervisor pid>/fixture-<n>}, normalised (no
     * {@code ..}), are ever written to or removed by a sweep.
     */
    static boolean isTetherCgroup(Path cgroup, int supervisorPid) {
        if (!cgroup.isAbsolute() || !cgroup.normalize().equals(cgroup) || cgroup.getNameCount() < 3) {
            return false;
        }
        String leaf = cgroup.getFileName().toString();
        String parent = cgroup.getParent().getFileName().toString();
        return leaf.matches("fixture-\\d+")
                && parent.equals("tether-" + supervisorPid)
                && Cgroups.unifiedMount().map(cgroup::startsWith).orElse(false);
    }
}
