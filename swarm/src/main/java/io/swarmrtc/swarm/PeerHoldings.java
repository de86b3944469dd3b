package io.swarmrtc.swarm;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * What each peer has, from its BITFIELD and HAVEs (docs/swarm-protocol.md, Conversation step 3),
 * kept in {@link PeerState#has} and summed into the {@link PieceAvailability}. Before the manifest
 * is known they are held on the peer and applied once it is ({@link #applyPending}).
 *
 * <p>Each method returns null, or the reason to drop the peer for a protocol violation.
 */
final class PeerHoldings {
  /** HAVEs kept per peer while the manifest is unknown (a 64 MiB manifest has at most ~2M pieces). */
  static final int MAX_PENDING_HAVES = 1 << 21;

  private int pieceCount = -1; // unknown until the manifest is
  private PieceAvailability availability;

  /** The manifest is known: from now on bitfields and HAVEs count. */
  void install(int pieceCount, PieceAvailability availability) {
    this.pieceCount = pieceCount;
    this.availability = availability;
  }

  String onBitfield(PeerState peer, ByteBuffer bits) {
    if (peer.receivedBitfield) {
      return "second BITFIELD";
    }
    if (availability == null) {
      peer.receivedBitfield = true;
      ByteBuffer copy = ByteBuffer.allocate(bits.remaining()); // the input buffer is transient
      copy.put(bits.duplicate()).flip();
      peer.pendingBitfield = copy;
      return null;
    }
    return accept(peer, bits);
  }

  /** A HAVE: null if it counts (or waits for the manifest), else the violation. */
  String onHave(PeerState peer, int piece) {
    if (availability == null) {
      if (peer.pendingHaves.size() >= MAX_PENDING_HAVES) {
        return "too many HAVEs before we could know the manifest";
      }
      peer.pendingHaves.add(piece); // checked once the manifest arrives
      return null;
    }
    if (piece >= pieceCount) {
      return "HAVE for piece " + piece + " of " + pieceCount;
    }
    if (peer.has == null) {
      peer.has = new Bitfield(pieceCount);
    }
    if (peer.has.set(piece)) {
      availability.increment(piece);
    }
    return null;
  }

  /** The HAVEs a peer sent before the manifest was known; the caller applies them one by one. */
  List<Integer> takePendingHaves(PeerState peer) {
    List<Integer> haves = List.copyOf(peer.pendingHaves);
    peer.pendingHaves.clear();
    return haves;
  }

  /** Applies a BITFIELD held back until the manifest was known; null or the violation. */
  String applyPendingBitfield(PeerState peer) {
    if (peer.pendingBitfield == null) {
      return null;
    }
    ByteBuffer pending = peer.pendingBitfield;
    peer.pendingBitfield = null;
    return accept(peer, pending);
  }

  /** The peer left: what it had no longer counts. */
  void forget(PeerState peer) {
    if (peer.has != null && availability != null) {
      availability.remove(peer.has);
    }
  }

  private String accept(PeerState peer, ByteBuffer bits) {
    peer.receivedBitfield = true;
    Bitfield parsed;
    try {
      parsed = Bitfield.fromWire(bits, pieceCount);
    } catch (IllegalArgumentException e) {
      return "BITFIELD: " + e.getMessage();
    }
    if (peer.has != null) { // HAVEs came first: merge them
      for (int i = 0; i < peer.has.size(); i++) {
        if (peer.has.get(i)) {
          parsed.set(i);
        }
      }
      availability.remove(peer.has);
    }
    peer.has = parsed;
    availability.add(parsed);
    return null;
  }
}
