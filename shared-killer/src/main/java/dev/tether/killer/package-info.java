/**
 * The exceptions every layer throws and the adapters catch: {@link dev.tether.killer.TetherException} (with
 * details and the user's own spelling), {@link dev.tether.killer.InvalidSpecException} (bad input, nothing
 * started), {@link dev.tether.killer.FixtureStartException}, {@link dev.tether.killer.PortInUseException} and
 * {@link dev.tether.killer.SupervisorException}. Uses no other package of the engine, so every package may use it.
 * The entry points are {@code fixture.FixtureGroup} (fixtures) and {@code client.ProcessSupervisor} (trees).
 */
package dev.tether.killer;
