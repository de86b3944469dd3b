/**
 * Swarm wire messages (docs/swarm-protocol.md, "Swarm messages"): the sealed {@link
 * io.swarmrtc.protocol.swarm.SwarmMessage} records, their binary {@link
 * io.swarmrtc.protocol.swarm.SwarmCodec} (errors: {@link io.swarmrtc.protocol.swarm.SwarmFormatException}
 * naming the field) and share URLs ({@link io.swarmrtc.protocol.swarm.ShareLink}). Pure: no I/O.
 */
package io.swarmrtc.protocol.swarm;
