/**
 * Processes as the OS shows them: identities (pid + start time, so a reused pid is never taken for the
 * process it replaced), snapshots of the process table ({@code /proc} here; the portable table is the platform package's), tree membership
 * (group, ancestry, cookie, cgroup), signal names, the operating system, and the executable lookup on PATH. Uses
 * {@code text} and the root package.
 */
package dev.tether.killer.process;
