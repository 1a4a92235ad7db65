/**
 * The textual configuration both adapters share: fixture specs, readiness and probe declarations,
 * ports as declared, command lines, placeholders, environment files, the validation of a group, and the words
 * messages use for a fixture. Checks everything before anything starts. Uses {@code stop} (a stop policy is
 * configuration), {@code process}, {@code text}.
 */
package dev.tether.killer.config;
