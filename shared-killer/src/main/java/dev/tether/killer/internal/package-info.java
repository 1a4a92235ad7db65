/**
 * Mechanics with no place in the design: loading every engine class ahead of need (so a jar replaced
 * in place cannot break a stop). Uses nothing of the engine.
 */
package dev.tether.killer.internal;
