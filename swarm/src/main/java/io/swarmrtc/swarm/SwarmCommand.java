package io.swarmrtc.swarm;

import io.swarmrtc.protocol.manifest.Manifest;
import io.swarmrtc.protocol.swarm.SwarmMessage;

/**
 * What a {@link SwarmSession} asks its I/O shell to do, in order. The shell executes every command
 * of a returned list before feeding the session its next event.
 */
public sealed interface SwarmCommand {
  /** Encode {@code message} and send it on the peer's swarm channel. */
  record Send(String peerId, SwarmMessage message) implements SwarmCommand {}

  /** Close the peer's connection (after sending what came before). The session already forgot it. */
  record Close(String peerId) implements SwarmCommand {}

  /**
   * Write the verified piece (its bytes span the files per {@link Manifest#fileSlices}). The session
   * counts it as held from now on and serves it from storage via {@link SwarmSession#nextUpload}.
   */
  record StorePiece(int piece, PieceData data) implements SwarmCommand {}

  /** The manifest arrived and matches the content id: allocate storage, show names and sizes. */
  record ManifestReceived(Manifest manifest) implements SwarmCommand {}

  /** A peer was banned for the rest of the download (sent bad data). For display and logs. */
  record PeerBanned(String peerId, String reason) implements SwarmCommand {}

  /** A peer was dropped for breaking the protocol. For display and logs. */
  record PeerDropped(String peerId, int goodbyeCode, String reason) implements SwarmCommand {}

  /** Every piece is verified and stored. Sent once. */
  record Completed() implements SwarmCommand {}
}
