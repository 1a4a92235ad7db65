/**
 * The per-user state directory and what makes it safe on a shared machine: who owns a file, which
 * user runs, and the pruning that bounds what accumulates there. Uses {@code process}, {@code text} and the root
 * package.
 */
package dev.tether.killer.state;
