/**
 * The native calls (JNA): posix_spawn into a new process group, kill, waitpid, prctl
 * subreaper, setsid. Only the supervisor calls them. Uses {@code process} and the root package.
 */
package dev.tether.killer.internal.posix;
