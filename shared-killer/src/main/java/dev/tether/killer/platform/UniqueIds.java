package dev.tether.killer.platform;

import java.util.OptionalLong;

/**
 * Process identities that are never reused while the system runs, and for each process the one of the parent
 * that forked it, kept when it is re-parented (macOS: {@code p_uniqueid} and {@code p_puniqueid}). With them an
 * orphan of pid 1 names the process that made it, and a daemon is traced to its fixture without any timing.
 */
public interface UniqueIds {
    /** The unique id of live process {@code pid}; empty when it is gone or cannot be read. */
    OptionalLong of(int pid);

    /** The unique id of the process that forked live process {@code pid}, even after it exited. */
    OptionalLong parentOf(int pid);
}
