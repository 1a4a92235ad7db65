package dev.tether.junit.cases;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the test cases saw, for the driving IT to check against /proc after the run. */
public final class Seen {
    public static final List<Integer> PIDS = new CopyOnWriteArrayList<>();
    public static final List<Integer> PORTS = new CopyOnWriteArrayList<>();
    /** Each scope's log file, with the last lines the fixture wrote into it. */
    public static final Map<Path, List<String>> LOGS = new ConcurrentHashMap<>();

    private Seen() {}

    public static void clear() {
        PIDS.clear();
        PORTS.clear();
        LOGS.clear();
    }
}
