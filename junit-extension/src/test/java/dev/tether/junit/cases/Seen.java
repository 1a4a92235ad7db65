package dev.tether.junit.cases;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the test cases saw, for the driving IT to check against /proc after the run. */
public final class Seen {
    public static final List<Integer> PIDS = new CopyOnWriteArrayList<>();
    public static final List<Integer> PORTS = new CopyOnWriteArrayList<>();

    private Seen() {}

    public static void clear() {
        PIDS.clear();
        PORTS.clear();
    }
}
