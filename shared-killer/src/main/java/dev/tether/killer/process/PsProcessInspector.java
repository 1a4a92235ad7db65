package dev.tether.killer.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The fallback for systems without /proc (macOS): runs {@code ps}. Start times come from {@code lstart}
 * (seconds resolution), which still tells a reused pid from the original in practice. Environment variables
 * of other processes cannot be read portably, so cookie matching is unavailable here: it is reported, not
 * faked. Not exercised by the Linux test suite.
 */
final class PsProcessInspector implements ProcessInspector {
    private static final DateTimeFormatter LSTART = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);

    @Override
    public ProcessTable snapshot() {
        List<ProcessInfo> rows = new ArrayList<>();
        for (String line : run("ps", "-axo", "pid=,ppid=,pgid=,sess=,stat=,comm=,lstart=")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 12) {
                continue;
            }
            String lstart = String.join(" ", List.of(f).subList(f.length - 5, f.length));
            long start = LocalDateTime.parse(lstart, LSTART)
                    .atZone(ZoneId.systemDefault())
                    .toEpochSecond();
            rows.add(new ProcessInfo(
                    Integer.parseInt(f[0]),
                    Integer.parseInt(f[1]),
                    Integer.parseInt(f[2]),
                    Integer.parseInt(f[3]),
                    start,
                    f[4].charAt(0),
                    f[5]));
        }
        return new ProcessTable(rows);
    }

    @Override
    public Optional<ProcessInfo> process(int pid) {
        return snapshot().get(pid);
    }

    @Override
    public long startTimeFloor() {
        return System.currentTimeMillis() / 1000 - 1;
    }

    @Override
    public Optional<String> environmentVariable(int pid, String name) {
        return Optional.empty();
    }

    @Override
    public String commandLine(int pid) {
        List<String> out = run("ps", "-o", "command=", "-p", Integer.toString(pid));
        return out.isEmpty() ? "[gone]" : out.get(0).trim();
    }

    @Override
    public int uid(int pid) {
        List<String> out = run("ps", "-o", "uid=", "-p", Integer.toString(pid));
        return out.isEmpty() ? -1 : Integer.parseInt(out.get(0).trim());
    }

    private static List<String> run(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    lines.add(line);
                }
            }
            process.waitFor();
            return lines;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
