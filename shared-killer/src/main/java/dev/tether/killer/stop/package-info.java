/**
 * How a tree is ended: the policy (signal, grace, escalation to KILL), the escalation that applies it to
 * a {@link dev.tether.killer.stop.StopTarget}, and the report of what each member did. Uses {@code process} and
 * {@code text}; knows neither the supervisor nor the wire.
 */
package dev.tether.killer.stop;
