package io.swarmrtc.swarm;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the session knows about one connected peer. Mutated only by the session; shells read it
 * through {@link SwarmSession#peer(String)} for display.
 */
public final class PeerState {
  private final String id;
  final long connectedSeq; // connection order: the deterministic order peers are served in
  boolean handshaken;
  boolean hasManifest;
  boolean sentBitfield;
  boolean receivedBitfield;
  Bitfield has; // null until we know the manifest and the peer's bitfield
  ByteBuffer pendingBitfield; // a BITFIELD received before we had the manifest
  /** HAVEs received before we had the manifest, applied once it arrives. */
  final java.util.List<Integer> pendingHaves = new java.util.ArrayList<>();
  boolean chokedUs;
  /** Requests we sent and await, with the time they were sent (ms). Insertion ordered. */
  final Map<BlockRef, Long> outstanding = new LinkedHashMap<>();
  /** Requests we gave up on (cancelled, choked): a late PIECE for them is still welcome. */
  final Map<BlockRef, Boolean> abandoned = new LinkedHashMap<>();
  /** Blocks not to ask this peer for until the time (ms): it rejected them or timed out. */
  final Map<BlockRef, Long> avoidUntil = new HashMap<>();

  PeerState(String id, long connectedSeq) {
    this.id = id;
    this.connectedSeq = connectedSeq;
  }

  public String id() {
    return id;
  }

  /** Whether the peer's HANDSHAKE arrived and matched. */
  public boolean handshaken() {
    return handshaken;
  }

  /** Pieces the peer has, as far as we know (0 before its BITFIELD). */
  public int pieceCount() {
    return has == null ? 0 : has.cardinality();
  }

  /** Whether the peer choked us (rejects our requests). */
  public boolean chokedUs() {
    return chokedUs;
  }

  /** Requests in flight to this peer. */
  public int outstandingRequests() {
    return outstanding.size();
  }

  boolean hasPiece(int piece) {
    return has != null && has.get(piece);
  }

  boolean avoids(BlockRef block, long now) {
    Long until = avoidUntil.get(block);
    return until != null && until > now;
  }
}
