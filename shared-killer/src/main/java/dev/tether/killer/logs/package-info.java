/**
 * Fixture logs: following them as they grow, their tail for messages, and what was appended since the
 * last read. Uses {@code text} and the root package.
 */
package dev.tether.killer.logs;
