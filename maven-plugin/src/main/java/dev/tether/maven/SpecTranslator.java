package dev.tether.maven;

import dev.tether.killer.Durations;
import dev.tether.killer.InvalidSpecException;
import dev.tether.killer.fixture.CommandLine;
import dev.tether.killer.fixture.FixtureSpec;
import dev.tether.killer.fixture.Probe;
import dev.tether.killer.fixture.Readiness;
import dev.tether.killer.stop.StopPolicy;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns {@code <processes>} into engine specs. Every error names the POM element it comes from and the fix,
 * and all of them are raised before anything starts.
 */
final class SpecTranslator {
    private final File baseDirectory;
    private final Path logDirectory;

    SpecTranslator(File baseDirectory, Path logDirectory) {
        this.baseDirectory = baseDirectory;
        this.logDirectory = logDirectory;
    }

    List<FixtureSpec> translate(List<ProcessConfig> processes) {
        List<FixtureSpec> specs = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            specs.add(translate(processes.get(i), i + 1));
        }
        return specs;
    }

    private FixtureSpec translate(ProcessConfig process, int number) {
        String id = process.getId();
        if (id == null || id.isBlank()) {
            throw new InvalidSpecException("<processes>: process number " + number + " has no <id>. Add"
                    + " <id>web</id> (it names the log file and the process in messages).");
        }
        String where = "<process> '" + id + "'";
        try {
            FixtureSpec spec = FixtureSpec.of(id, command(process, where))
                    .withWorkingDirectory(
                            process.getWorkingDirectory() != null
                                    ? process.getWorkingDirectory().toPath()
                                    : baseDirectory.toPath())
                    .withEnvironment(environment(process.getEnvironment()))
                    .withPorts(ports(process.getPorts()))
                    .withReadiness(readiness(process.getReady(), where))
                    .withNeeds(needs(process.getNeeds()))
                    .withDaemonizes(process.isDaemonizes())
                    .withStopPolicy(stopPolicy(process.getStop(), where))
                    .withLogFile(logDirectory.resolve(id + ".log"));
            return spec;
        } catch (InvalidSpecException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException(where + ": " + e.getMessage());
        }
    }

    private static List<String> command(ProcessConfig process, String where) {
        boolean hasCommand =
                process.getCommand() != null && !process.getCommand().isBlank();
        boolean hasExecutable =
                process.getExecutable() != null && !process.getExecutable().isBlank();
        if (hasCommand == hasExecutable) {
            throw new InvalidSpecException(where + ": give either <command> (one line) or <executable> with"
                    + " <arguments>, " + (hasCommand ? "not both." : "one of them is missing."));
        }
        if (hasCommand) {
            return CommandLine.split(process.getId(), process.getCommand().trim());
        }
        List<String> argv = new ArrayList<>();
        argv.add(process.getExecutable().trim());
        if (process.getArguments() != null) {
            process.getArguments().stream()
                    .map(a -> Objects.requireNonNullElse(a, ""))
                    .forEach(argv::add);
        }
        return argv;
    }

    private static Map<String, String> environment(Map<String, String> environment) {
        if (environment == null) {
            return Map.of();
        }
        Map<String, String> cleaned = new java.util.LinkedHashMap<>();
        environment.forEach((k, v) -> cleaned.put(k, Objects.requireNonNullElse(v, "")));
        return cleaned;
    }

    private static String[] ports(List<String> ports) {
        return ports == null ? new String[0] : ports.stream().map(String::trim).toArray(String[]::new);
    }

    private static String[] needs(String needs) {
        if (needs == null || needs.isBlank()) {
            return new String[0];
        }
        return Arrays.stream(needs.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toArray(String[]::new);
    }

    private static Readiness readiness(ReadyConfig ready, String where) {
        if (ready == null) {
            return Readiness.IMMEDIATE;
        }
        String element = where + " <ready>";
        List<Probe> probes = new ArrayList<>();
        if (present(ready.getTcp())) {
            probes.add(new Probe.Tcp("127.0.0.1", ready.getTcp().trim()));
        }
        if (present(ready.getHttp())) {
            int[] range = statusRange(ready.getStatus(), element);
            probes.add(new Probe.Http(ready.getHttp().trim(), range[0], range[1], ready.getBody()));
        }
        if (present(ready.getLog())) {
            probes.add(new Probe.Log(ready.getLog(), ready.getOccurrence()));
        }
        if (present(ready.getFile())) {
            probes.add(new Probe.FileExists(ready.getFile().trim()));
        }
        if (present(ready.getCommand())) {
            probes.add(new Probe.Command(
                    CommandLine.split(where, ready.getCommand().trim())));
        }
        if (present(ready.getDelay())) {
            probes.add(new Probe.Delay(Durations.parse(ready.getDelay(), "<delay> of " + element)));
        }
        Duration timeout = present(ready.getTimeout())
                ? Durations.parse(ready.getTimeout(), "<timeout> of " + element)
                : Readiness.DEFAULT_TIMEOUT;
        String mode = present(ready.getMode()) ? ready.getMode().trim() : "all";
        if (!mode.equals("all") && !mode.equals("any")) {
            throw new InvalidSpecException(element + " <mode>" + mode + "</mode>: use 'all' or 'any'.");
        }
        return new Readiness(probes, mode.equals("any"), timeout);
    }

    private static int[] statusRange(String status, String element) {
        if (!present(status)) {
            return new int[] {200, 399};
        }
        String[] bounds = status.trim().split("-");
        try {
            int low = Integer.parseInt(bounds[0].trim());
            int high = bounds.length > 1 ? Integer.parseInt(bounds[1].trim()) : low;
            if (bounds.length > 2 || low < 100 || high > 599 || low > high) {
                throw new NumberFormatException();
            }
            return new int[] {low, high};
        } catch (NumberFormatException e) {
            throw new InvalidSpecException(
                    element + " <status>" + status + "</status> is not a status or range." + " Write 200, or 200-299.");
        }
    }

    private static StopPolicy stopPolicy(StopConfig stop, String where) {
        if (stop == null) {
            return StopPolicy.DEFAULT;
        }
        String element = where + " <stop>";
        try {
            if (present(stop.getSteps())) {
                return StopPolicy.parse(stop.getSteps());
            }
            String signal = present(stop.getSignal()) ? stop.getSignal().trim() : "TERM";
            String grace = present(stop.getGrace()) ? stop.getGrace().trim() : "10s";
            return StopPolicy.gracefulThenKill(
                    dev.tether.killer.Signal.parse(signal), Durations.parse(grace, "<grace>"));
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException(element + ": " + e.getMessage());
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
