/**
 * Swarm policy, pure: {@link io.swarmrtc.swarm.SwarmSession} consumes events (peer connected, message,
 * peer left, tick) and returns {@link io.swarmrtc.swarm.SwarmCommand}s for its I/O shell. Inside:
 * rarest-first piece picking with endgame, per-peer state, block tracking with timeouts, SHA-256
 * verification with blame ({@link io.swarmrtc.swarm.PieceVerifier}), and upload scheduling that spends
 * a sharer's bandwidth on pieces nobody has yet. No I/O, no threads; time from an injected Clock.
 * client-js/src/swarm/session.js mirrors it with the same semantics.
 */
package io.swarmrtc.swarm;
