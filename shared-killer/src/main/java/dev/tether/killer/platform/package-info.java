/**
 * The one seam between the engine and the operating system it runs on: which backend serves this JVM
 * ({@code linux}, {@code portable}, {@code macos}, {@code windows}), chosen from the OS or forced with
 * {@code TETHER_BACKEND} / {@code -Dtether.backend}, what evidence of a tree each offers (subreaper, cgroups,
 * readable environments, port owners), and the process table each reads. Uses {@code process},
 * {@code internal.posix}, {@code text} and the root package.
 */
package dev.tether.killer.platform;
