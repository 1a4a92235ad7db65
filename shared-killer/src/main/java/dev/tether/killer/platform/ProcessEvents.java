package dev.tether.killer.platform;

/**
 * The kernel telling the supervisor that a watched process forked or exited, where it can (macOS: kqueue). The
 * supervisor then looks at its trees at once instead of at its next periodic look: a double fork's middle process
 * is seen before it exits and orphans the daemon (so the daemon is found by ancestry), and the owner's death is
 * known from the kernel as well as from the supervisor's stdin. Linux needs none: its subreaper and cgroups keep
 * every descendant findable.
 */
public interface ProcessEvents extends AutoCloseable {
    /** Watches {@code pid} for forks and its exit; false when it is already gone. Watching twice is harmless. */
    boolean watch(int pid);

    @Override
    void close();
}
