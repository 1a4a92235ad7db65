package dev.tether.killer.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Reads /proc. Processes that vanish while being read are simply not in the snapshot. */
public final class LinuxProcInspector implements ProcessInspector {
    private final Path proc;

    public LinuxProcInspector() {
        this(Paths.get("/proc"));
    }

    LinuxProcInspector(Path proc) {
        this.proc = proc;
    }

    /** One open and read per process, into one buffer, without Path objects: see {@link ProcStat}. */
    @Override
    public ProcessTable snapshot() {
        String[] entries = proc.toFile().list();
        if (entries == null) {
            throw new IllegalStateException("Cannot list " + proc);
        }
        String prefix = proc + "/";
        ProcStat stat = new ProcStat();
        List<ProcessInfo> rows = new ArrayList<>(entries.length);
        for (String name : entries) {
            if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
                stat.read(prefix + name + "/stat").ifPresent(rows::add);
            }
        }
        return new ProcessTable(rows);
    }

    @Override
    public Optional<Set<Integer>> childrenOfMainThread(int pid) {
        return childrenOfThreads(pid, List.of(Integer.toString(pid)));
    }

    @Override
    public Optional<Set<Integer>> children(int pid) {
        String[] threads =
                proc.resolve(Integer.toString(pid)).resolve("task").toFile().list();
        return threads == null ? Optional.empty() : childrenOfThreads(pid, List.of(threads));
    }

    /** The children the given threads of {@code pid} forked, from each thread's children list. */
    private Optional<Set<Integer>> childrenOfThreads(int pid, List<String> threads) {
        StringBuilder list = new StringBuilder();
        try {
            for (String thread : threads) {
                list.append(Files.readString(
                                proc.resolve(Integer.toString(pid))
                                        .resolve("task")
                                        .resolve(thread)
                                        .resolve("children"),
                                StandardCharsets.US_ASCII))
                        .append(' ');
            }
        } catch (IOException e) {
            return Optional.empty(); // a kernel without CONFIG_PROC_CHILDREN, or the process is gone
        }
        Set<Integer> children = new HashSet<>();
        try {
            for (String child : list.toString().trim().split("\\s+")) {
                if (!child.isEmpty()) {
                    children.add(Integer.parseInt(child));
                }
            }
        } catch (NumberFormatException e) {
            return Optional.empty(); // not what the kernel writes: the caller takes a full snapshot instead
        }
        return Optional.of(children);
    }

    /** Reads one process's stat line; empty if it is gone. */
    @Override
    public Optional<ProcessInfo> process(int pid) {
        return new ProcStat().read(proc + "/" + pid + "/stat");
    }

    /** Parses the text of /proc/PID/stat (see {@link ProcStat#parse}). */
    static ProcessInfo parseStat(String stat) {
        byte[] bytes = stat.getBytes(StandardCharsets.ISO_8859_1);
        return ProcStat.parse(bytes, bytes.length);
    }

    /** Start times are in clock ticks since boot; USER_HZ is 100 on every Linux Tether supports. */
    @Override
    public long startTimeFloor() {
        try {
            String uptime = Files.readString(proc.resolve("uptime"), StandardCharsets.US_ASCII);
            double seconds = Double.parseDouble(uptime.substring(0, uptime.indexOf(' ')));
            return (long) (seconds * 100) - 1;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public OptionalInt lastPid() {
        try {
            String loadavg = Files.readString(proc.resolve("loadavg"), StandardCharsets.US_ASCII)
                    .trim();
            return OptionalInt.of(Integer.parseInt(loadavg.substring(loadavg.lastIndexOf(' ') + 1)));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    @Override
    public Optional<String> environmentVariable(int pid, String name) {
        byte[] environ;
        try {
            environ = Files.readAllBytes(proc.resolve(Integer.toString(pid)).resolve("environ"));
        } catch (IOException e) {
            return Optional.empty();
        }
        String prefix = name + "=";
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                String entry = new String(environ, start, i - start, StandardCharsets.UTF_8);
                if (entry.startsWith(prefix)) {
                    return Optional.of(entry.substring(prefix.length()));
                }
                start = i + 1;
            }
        }
        return Optional.empty();
    }

    @Override
    public String commandLine(int pid) {
        Path dir = proc.resolve(Integer.toString(pid));
        try {
            byte[] raw = Files.readAllBytes(dir.resolve("cmdline"));
            int end = raw.length;
            while (end > 0 && raw[end - 1] == 0) {
                end--;
            }
            if (end > 0) {
                return new String(raw, 0, end, StandardCharsets.UTF_8).replace('\0', ' ');
            }
        } catch (IOException e) {
            // fall through to the short name
        }
        return process(pid).map(p -> "[" + p.name() + "]").orElse("[gone]");
    }

    @Override
    public int uid(int pid) {
        try {
            return (Integer) Files.getAttribute(proc.resolve(Integer.toString(pid)), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }
}
