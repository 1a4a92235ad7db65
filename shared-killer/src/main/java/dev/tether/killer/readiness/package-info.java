/**
 * Waiting until a fixture is ready: one class per probe (tcp, http, log, file, command, delay), the
 * factory that resolves a probe's placeholders, and the wait that polls them, notices an early exit and checks the
 * port's owner. Uses {@code client} (a command probe is a supervised tree), {@code config}, {@code logs}, {@code
 * ports}.
 */
package dev.tether.killer.readiness;
