package dev.tether.killer;

import dev.tether.killer.fixture.PortAllocator;
import dev.tether.killer.state.CurrentUser;
import dev.tether.killer.state.FileOwnership;
import dev.tether.killer.state.StateDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What this machine's configuration gives Tether, and so which guarantees hold here: for {@code tether:doctor}
 * and the one line the JUnit extension prints at the supervisor's first start.
 */
public final class Diagnosis {
    private final ProcessSupervisor.Hello hello;
    private final StateDirectory state;
    private final PortAllocator ports;

    private Diagnosis(ProcessSupervisor.Hello hello, StateDirectory state, PortAllocator ports) {
        this.hello = hello;
        this.state = state;
        this.ports = ports;
    }

    /** Diagnoses with a running supervisor (it reports subreaper, cgroup and spawn path from its side). */
    public static Diagnosis of(ProcessSupervisor supervisor) {
        return new Diagnosis(supervisor.hello(), StateDirectory.forThisUser(), PortAllocator.shared());
    }

    /** One line: the configuration in brief. */
    public String summary() {
        return "Tether: uid " + CurrentUser.uid() + ", " + (hello.subreaper() ? "subreaper" : "NO subreaper") + ", "
                + (hello.cgroup().isEmpty()
                        ? "no writable cgroup (daemons attributed by adoption rules)"
                        : "cgroup " + hello.cgroup())
                + ", " + hello.spawnPath() + ", state " + state + ", ports "
                + (ports.isMachineWide() ? "shared in " + ports.directory() : "private (not shared with other users)");
    }

    /** The full report: each fact, then each guarantee with whether and how it holds, and the fix. */
    public List<String> report() {
        List<String> lines = new ArrayList<>();
        lines.add("This machine:");
        lines.add("  user                 uid " + CurrentUser.uid());
        lines.add("  supervisor           pid " + hello.pid() + ", " + hello.spawnPath());
        lines.add("  child subreaper      " + (hello.subreaper() ? "yes" : "no (not Linux)"));
        lines.add("  cgroup per fixture   "
                + (hello.cgroup().isEmpty() ? "no (none writable here)" : "yes, under " + hello.cgroup()));
        lines.add("  state directory      " + describe(state.path()));
        lines.add("  port reservations    " + describe(ports.directory())
                + (ports.isMachineWide() ? ", shared by every user" : ", this user's only"));
        lines.add("  pid_max              " + read(Path.of("/proc/sys/kernel/pid_max")));
        lines.add("Guarantees:");
        boolean cgroup = !hello.cgroup().isEmpty();
        lines.add(guarantee(true, "wrapper chains, setsid children", "process group, ancestry and cookie", ""));
        lines.add(guarantee(
                hello.subreaper(),
                "daemons that double-fork and clear their environment",
                cgroup
                        ? "each fixture's own cgroup"
                        : "subreaper adoption rules (exact unless two fixtures daemonize at once)",
                "needs Linux (the child subreaper)"));
        lines.add(guarantee(
                cgroup,
                "two such daemons started at the same moment told apart",
                "cgroup membership",
                "run as root or with a writable (delegated) cgroup v2; without one they are stopped together, never"
                        + " the wrong one first"));
        lines.add(guarantee(true, "owner killed (SIGKILL)", "the supervisor sees its pipe close", ""));
        lines.add(guarantee(true, "supervisor killed", "the owner stops every tree itself", ""));
        lines.add(guarantee(true, "owner and supervisor both killed", "the next supervisor sweeps the ledger", ""));
        lines.add(guarantee(
                ports.isMachineWide(),
                "ports never collide with other users' builds",
                "reservations in a shared sticky directory",
                "set -Dtether.portDirectory to a root-owned sticky directory (like /tmp)"));
        return lines;
    }

    private static String guarantee(boolean holds, String what, String how, String fix) {
        return "  " + (holds ? "[ok]  " : "[NO]  ") + what + (holds ? ": " + how : fix.isEmpty() ? "" : ": " + fix);
    }

    private static String describe(Path path) {
        return path + FileOwnership.read(path).map(o -> " (" + o + ")").orElse(" (missing)");
    }

    private static String read(Path file) {
        try {
            // sysctl files answer a read at a non-zero offset with EOF: read lines, which starts at 0 in one go
            return String.join(" ", Files.readAllLines(file)).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
