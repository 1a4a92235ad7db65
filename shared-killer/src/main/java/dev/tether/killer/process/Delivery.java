package dev.tether.killer.process;

/** How a signal delivery ended. */
public enum Delivery {
    SENT,
    /** ESRCH: the process is already gone, which for a stop is success. */
    GONE,
    /** EPERM: the process belongs to another user. */
    DENIED
}
