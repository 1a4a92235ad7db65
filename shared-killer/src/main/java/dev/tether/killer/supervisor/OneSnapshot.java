package dev.tether.killer.supervisor;

import dev.tether.killer.process.ProcessInspector;
import dev.tether.killer.process.ProcessTable;
import java.util.function.Supplier;

/** The process table read once, at the first request, and shared by every later one (a full read costs ~10 ms). */
final class OneSnapshot implements Supplier<ProcessTable> {
    private final ProcessInspector inspector;
    private ProcessTable table;

    OneSnapshot(ProcessInspector inspector) {
        this.inspector = inspector;
    }

    @Override
    public synchronized ProcessTable get() {
        if (table == null) {
            table = inspector.snapshot();
        }
        return table;
    }
}
