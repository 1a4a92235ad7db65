/**
 * Reuse for the fast local loop: what {@code tether:run} records about the fixtures it keeps up (identities with
 * start times, ports, log, a fingerprint of each spec), and the check that decides whether a fixture about to
 * start may use a recorded one instead: same id and fingerprint, alive, this user's, its ports served by its own
 * tree, its readiness probes passing. Off on CI. Uses the process, client, config, readiness and ports layers;
 * used by {@code fixture}.
 */
package dev.tether.killer.reuse;
