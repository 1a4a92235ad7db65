/**
 * The owner-supervisor protocol: {@link dev.tether.killer.protocol.Message} (every request, answer and event
 * as a record) and {@link dev.tether.killer.protocol.Codec} (their only wire form, versioned). The one piece of
 * code both sides share. May use the value types it carries ({@code stop}, {@code process}, {@code text});
 * nothing that runs processes.
 */
package dev.tether.killer.protocol;
