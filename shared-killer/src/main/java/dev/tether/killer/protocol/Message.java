package dev.tether.killer.protocol;

import dev.tether.killer.process.ProcessInfo;
import dev.tether.killer.stop.StopPolicy;
import dev.tether.killer.stop.StopReport;
import java.util.List;
import java.util.Map;

/**
 * Everything an owner and its supervisor say to each other, as values. The owner writes {@link Request}s to the
 * supervisor's stdin; the supervisor writes {@link Answer}s (each repeating its request's id) and unasked
 * {@link Event}s to its stdout. {@link Codec} is the only code that turns them into bytes and back.
 */
public sealed interface Message {
    /** Owner to supervisor; the answer carries the same id. */
    sealed interface Request extends Message {
        int id();
    }

    /** Supervisor to owner, answering the request with the same id. */
    sealed interface Answer extends Message {
        int id();
    }

    /** Supervisor to owner, unasked. */
    sealed interface Event extends Message {}

    /** Start a tree: the executable is already resolved by the owner (its error names the user's setting). */
    record Spawn(
            int id,
            String key,
            String executable,
            List<String> argv,
            Map<String, String> environment,
            String workingDirectory,
            String logFile,
            StopPolicy policy)
            implements Request {}

    record Stop(int id, String key, StopPolicy policy) implements Request {}

    /** The members of one tree right now. */
    record Members(int id, String key) implements Request {}

    /** Who listens on a TCP port: the tree, another process, or nobody (the readiness wait's owner check). */
    record PortHolder(int id, String key, int port) implements Request {}

    /**
     * The tree's start is over (its owner found it ready, or gave up): whatever it forks from now on is no daemon of
     * its start, and other builds stop counting it as a possible maker of their orphans (see InitOrphans).
     */
    record Ready(int id, String key) implements Request {}

    /** Adopted processes no tree claims. */
    record Unclaimed(int id) implements Request {}

    /** Stop every tree, answer, exit. */
    record Shutdown(int id) implements Request {}

    /** @param cgroup the tree's cgroup directory, empty without cgroups */
    record Spawned(int id, int pid, long startTime, String cookie, String cgroup) implements Answer {}

    /** The request could not be done; {@code message} is for the user. */
    record Failed(int id, String message) implements Answer {}

    /**
     * @param nothingUnclaimedAfter when the stop ended, every process the supervisor adopted was claimed by a running
     *     tree: no escapee of any stopped tree can be alive, and the owner need not ask for {@link Unclaimed}
     */
    record Stopped(int id, StopReport report, boolean nothingUnclaimedAfter) implements Answer {}

    /** The answer to {@link Members} and {@link Unclaimed}. */
    record MemberList(int id, List<ProcessInfo> processes) implements Answer {}

    /**
     * The answer to {@link PortHolder}. {@code listening} is false when no socket listens on the port in the
     * supervisor's view (none, another network namespace, or no way to tell on this backend).
     */
    record PortHeld(int id, boolean listening, boolean byTree) implements Answer {}

    /** The answer to {@link Ready}: the ledger says the start is over. */
    record Noted(int id) implements Answer {}

    /** The answer to {@link Shutdown}: every tree is stopped. */
    record Bye(int id) implements Answer {}

    /** The supervisor's first message. {@code cgroup} is its base cgroup, empty without cgroups. */
    record Hello(int pid, long startTime, boolean subreaper, String cgroup, String spawnPath) implements Event {}

    /** A tree's leader exited; {@code exitCode} is -1 and {@code signal} non-zero when a signal ended it. */
    record Exited(String key, int pid, int exitCode, int signal, boolean treeEnded) implements Event {}

    /** Something the user should hear of (an escapee stopped, a missing subreaper). */
    record Notice(String text) implements Event {}

    /** The start-up sweep of crashed builds' ledgers is done, having stopped this many trees. */
    record Swept(int trees) implements Event {}
}
