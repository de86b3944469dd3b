package io.swarmrtc.swarm;

import io.swarmrtc.protocol.manifest.BlockLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decides which blocks to ask a peer for (docs/swarm-protocol.md, Conversation step 4). Pure: it
 * reads the state and returns the desired requests; the session applies them.
 *
 * <ul>
 *   <li>Order: pieces already started first, then rarest first (fewest connected peers have it),
 *       ties by the lowest index. Total and deterministic.
 *   <li>Only pieces we lack and the peer has; never a block the peer rejected or let time out
 *       recently; a piece being re-fetched from a single peer only from that peer.
 *   <li>Normal mode asks for blocks nobody was asked for. Endgame (every missing block is requested)
 *       also asks for blocks other peers were asked for, once per peer.
 * </ul>
 */
final class PiecePicker {
  private PiecePicker() {}

  /** Missing pieces in pick order: started first, then by availability, then by index. */
  static int[] order(Bitfield have, PieceAvailability availability, BlockTracker tracker) {
    Integer[] missing = new Integer[have.size() - have.cardinality()];
    int n = 0;
    for (int p = 0; p < have.size(); p++) {
      if (!have.get(p)) {
        missing[n++] = p;
      }
    }
    boolean[] started = new boolean[have.size()];
    for (PieceAssembly a : tracker.active()) {
      started[a.piece] = a.isStarted();
    }
    Arrays.sort(missing, (x, y) -> {
      if (started[x] != started[y]) {
        return started[x] ? -1 : 1;
      }
      int c = Integer.compare(availability.count(x), availability.count(y));
      return c != 0 ? c : Integer.compare(x, y);
    });
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = missing[i];
    }
    return out;
  }

  /**
   * Up to {@code slots} blocks to request from {@code peer}, in request order.
   *
   * @param endgame whether duplicates of blocks requested from other peers are allowed
   */
  static List<BlockRef> pick(PeerState peer, int slots, int[] order, BlockTracker tracker,
      java.util.function.IntFunction<BlockLayout> layouts, boolean endgame, long now) {
    List<BlockRef> out = new ArrayList<>(slots);
    for (int i = 0; i < order.length && out.size() < slots; i++) {
      int piece = order[i];
      if (!peer.hasPiece(piece)) {
        continue;
      }
      PieceAssembly a = tracker.assembly(piece);
      if (a != null && a.singleSource) {
        boolean mine = peer.id().equals(a.sourcePeer);
        boolean free = a.sourcePeer == null && !a.isStarted();
        if (!mine && !free) {
          continue;
        }
      }
      BlockLayout layout = a != null ? a.layout : layouts.apply(piece);
      for (int b = 0; b < layout.count() && out.size() < slots; b++) {
        BlockRef ref = new BlockRef(piece, layout.offset(b), layout.length(b));
        if (a != null) {
          if (a.isReceived(b) || a.isRequestedFrom(b, peer.id())) {
            continue;
          }
          if (a.isRequested(b) && !endgame) {
            continue;
          }
        }
        if (!peer.avoids(ref, now)) {
          out.add(ref);
        }
      }
    }
    return out;
  }
}
