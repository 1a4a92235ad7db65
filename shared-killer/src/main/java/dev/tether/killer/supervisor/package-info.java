/**
 * The supervisor process: its main, the trees it keeps ({@link dev.tether.killer.supervisor.TreeKeeper},
 * {@link dev.tether.killer.supervisor.OwnedTree}), the reaper, orphan attribution, cgroups, the ledger on disk and
 * its sweep after a crash, the owner check of a listening port. Talks to its owner only through {@code protocol}.
 * Uses everything beneath it ({@code protocol}, {@code stop}, {@code state}, {@code process}, {@code
 * internal.posix}) and {@code ports} (who holds a socket); never {@code client} or anything above.
 */
package dev.tether.killer.supervisor;
