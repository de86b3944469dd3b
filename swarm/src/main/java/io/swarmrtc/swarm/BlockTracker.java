package io.swarmrtc.swarm;

import io.swarmrtc.protocol.manifest.Manifest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pieces in progress and the requests in flight, kept consistent on both sides: each
 * {@link PieceAssembly} knows who was asked for each block, each {@link PeerState} knows what it
 * was asked for.
 */
final class BlockTracker {
  private static final int MAX_ABANDONED_PER_PEER = 256;

  private final Manifest manifest;
  private final int blockSize;
  private final TreeMap<Integer, PieceAssembly> active = new TreeMap<>();

  BlockTracker(Manifest manifest, int blockSize) {
    this.manifest = manifest;
    this.blockSize = blockSize;
  }

  /** The assembly of {@code piece}, or null if it is not in progress. */
  PieceAssembly assembly(int piece) {
    return active.get(piece);
  }

  PieceAssembly start(int piece) {
    return active.computeIfAbsent(piece, p -> new PieceAssembly(p, manifest.blocks(p, blockSize)));
  }

  Collection<PieceAssembly> active() {
    return active.values();
  }

  void finish(int piece) {
    active.remove(piece);
  }

  void request(PeerState peer, BlockRef block, long now) {
    PieceAssembly a = start(block.piece());
    a.markRequested(a.indexOf(block), peer.id(), now);
    peer.outstanding.put(block, now);
    if (a.singleSource && a.sourcePeer == null) {
      a.sourcePeer = peer.id();
    }
  }

  /** Removes an outstanding request (answered or rejected); returns whether it was outstanding. */
  boolean settle(PeerState peer, BlockRef block) {
    if (peer.outstanding.remove(block) == null) {
      return false;
    }
    PieceAssembly a = active.get(block.piece());
    if (a != null) {
      int i = a.indexOf(block);
      if (i >= 0) {
        a.unmarkRequested(i, peer.id());
      }
    }
    return true;
  }

  /** Gives up on a request (cancel, choke, timeout) but keeps accepting a late answer to it. */
  void abandon(PeerState peer, BlockRef block) {
    if (settle(peer, block)) {
      peer.abandoned.put(block, Boolean.TRUE);
      if (peer.abandoned.size() > MAX_ABANDONED_PER_PEER) {
        Iterator<BlockRef> eldest = peer.abandoned.keySet().iterator();
        eldest.next();
        eldest.remove();
      }
    }
  }

  /** Frees every request to a peer that left; a single-source piece it was serving starts over. */
  void dropPeer(PeerState peer) {
    for (BlockRef b : new ArrayList<>(peer.outstanding.keySet())) {
      settle(peer, b);
    }
    for (PieceAssembly a : active.values()) {
      if (peer.id().equals(a.sourcePeer)) {
        a.sourcePeer = null;
        a.discardData();
      }
    }
  }

  /** Requests older than {@code timeoutMs}, per peer. */
  List<Map.Entry<PeerState, BlockRef>> expired(Collection<PeerState> peers, long now, long timeoutMs) {
    List<Map.Entry<PeerState, BlockRef>> out = new ArrayList<>();
    for (PeerState p : peers) {
      for (Map.Entry<BlockRef, Long> e : p.outstanding.entrySet()) {
        if (now - e.getValue() >= timeoutMs) {
          out.add(Map.entry(p, e.getKey()));
        }
      }
    }
    return out;
  }

  /**
   * Endgame test: every block of every missing piece is received or requested. O(pieces in
   * progress): a piece is in progress only while missing, so every missing piece is in progress
   * exactly when their numbers match.
   */
  boolean everyMissingBlockRequested(int missingPieces) {
    if (active.size() < missingPieces) {
      return false;
    }
    for (PieceAssembly a : active.values()) {
      if (a.hasUnrequestedBlock()) {
        return false;
      }
    }
    return true;
  }
}
