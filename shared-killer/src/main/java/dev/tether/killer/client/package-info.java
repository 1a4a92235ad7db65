/**
 * The owner's side: {@link dev.tether.killer.client.ProcessSupervisor} (the handle on one supervisor:
 * spawn, stop, members, exits), its launch and start-up, and the trees recorded by an earlier owner. Shares the
 * {@code protocol} with the supervisor and uses of it only {@code SupervisorMain} (the class it launches) and
 * {@code LedgerMembers} (what a dead supervisor left on disk).
 */
package dev.tether.killer.client;
