package dev.tether.killer.platform;

import dev.tether.killer.internal.posix.NativePosix;
import dev.tether.killer.process.ProcessId;
import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.process.ProcessInspector;
import dev.tether.killer.process.ProcessTable;
import dev.tether.killer.state.CurrentUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The process table from what every POSIX JDK offers: {@link ProcessHandle} for pid, parent, start time, user
 * and command line, and POSIX {@code getpgid}/{@code getsid} for groups and sessions. Start times are the JDK's
 * epoch milliseconds, which on Linux lag the real start (see {@link StartTimeLag}). No /proc: the environment of
 * another process cannot be read (no cookie evidence), and a process's children are found only through a full
 * snapshot.
 *
 * <p>The JDK does not tell a zombie from a running process. A zombie has lost its executable, so a process of
 * this user whose command the JDK cannot read is taken as finished: this user can always read the command of
 * its own running processes. Another user's process is never marked finished (its command may just be
 * unreadable), which only matters for processes Tether never signals anyway.
 *
 * <p>Native code is loaded on the first question about groups (a snapshot, or one process's row), never for
 * {@link #identity} or {@link #isRunning}: the owner JVM asks those and stays free of JNA.
 */
final class PortableProcessInspector implements ProcessInspector {
    private final Supplier<NativePosix> groups;
    private final String ownUser = System.getProperty("user.name", "");
    /** Learned from every start instant read, so a launch's floor is not a whole second early. */
    private final StartTimeLag lag = new StartTimeLag();
    /** Whether this JVM's own start, evidence there always is, has been read for the lag (see startTimeFloor). */
    private volatile boolean ownStartSeen;

    PortableProcessInspector(Supplier<NativePosix> groups) {
        this.groups = groups;
    }

    @Override
    public ProcessTable snapshot() {
        NativePosix posix = groups.get();
        List<ProcessInfo> rows = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(handle -> row(handle, posix).ifPresent(rows::add));
        return new ProcessTable(rows);
    }

    @Override
    public Optional<ProcessInfo> process(int pid) {
        return ProcessHandle.of(pid).flatMap(handle -> row(handle, groups.get()));
    }

    @Override
    public Optional<ProcessId> identity(int pid) {
        return ProcessHandle.of(pid).map(handle -> new ProcessId(pid, startTime(handle.info())));
    }

    @Override
    public boolean isRunning(ProcessId id) {
        return ProcessHandle.of(id.pid())
                .map(ProcessHandle::info)
                .filter(info -> startTime(info) == id.startTime() && !looksFinished(info))
                .isPresent();
    }

    @Override
    public long startTimeFloor() {
        if (!ownStartSeen) { // this JVM is the first process known to have started before now
            ownStartSeen = true;
            startTime(ProcessHandle.current().info());
        }
        return lag.floor(System.currentTimeMillis(), System.nanoTime() / 1_000_000);
    }

    @Override
    public long startTimeCeiling() {
        return System.currentTimeMillis() + 1; // the JDK's start instants are never later than the real start
    }

    @Override
    public Optional<String> environmentVariable(int pid, String name) {
        return Optional.empty(); // POSIX offers no way to read another process's environment
    }

    @Override
    public String commandLine(int pid) {
        Optional<ProcessHandle.Info> info = ProcessHandle.of(pid).map(ProcessHandle::info);
        return info.flatMap(ProcessHandle.Info::commandLine)
                .or(() -> info.flatMap(ProcessHandle.Info::command))
                .orElse("[gone or unreadable]");
    }

    @Override
    public int uid(int pid) {
        // ProcessHandle names the user; only this user's own processes can be told by name without native code
        return ProcessHandle.of(pid)
                .flatMap(handle -> handle.info().user())
                .filter(ownUser::equals)
                .map(user -> CurrentUser.uid())
                .orElse(-1);
    }

    private Optional<ProcessInfo> row(ProcessHandle handle, NativePosix posix) {
        int pid = (int) handle.pid();
        int pgid = posix.processGroupOf(pid);
        if (pgid < 0) {
            return Optional.empty(); // gone since the listing
        }
        ProcessHandle.Info info = handle.info();
        int ppid = handle.parent().map(parent -> (int) parent.pid()).orElse(0);
        String name = info.command().map(PortableProcessInspector::baseName).orElse("?");
        return Optional.of(new ProcessInfo(
                pid, ppid, pgid, posix.sessionOf(pid), startTime(info), looksFinished(info) ? 'Z' : 'S', name));
    }

    private boolean looksFinished(ProcessHandle.Info info) {
        return info.command().isEmpty() && info.user().filter(ownUser::equals).isPresent();
    }

    /** The start instant, also taken as evidence of the lag: the process existed before the clock is read. */
    private long startTime(ProcessHandle.Info info) {
        long start = info.startInstant().map(Instant::toEpochMilli).orElse(0L);
        lag.seen(start, System.currentTimeMillis(), System.nanoTime() / 1_000_000);
        return start;
    }

    private static String baseName(String command) {
        return command.substring(command.lastIndexOf('/') + 1);
    }
}
