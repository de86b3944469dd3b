package io.swarmrtc.swarm;

import io.swarmrtc.protocol.manifest.BlockLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
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

  /**
   * The pick order of one refill: the pieces started when it began (by availability, then index),
   * then every other wanted piece rarest first, ties by index. It is fixed for the whole refill even
   * though the refill starts pieces: that is the recorded behaviour of the shared simulation vectors.
   */
  static final class Order {
    private final PieceAvailability availability;
    private final BitSet started = new BitSet();
    private int[] startedInOrder = new int[0];

    Order(PieceAvailability availability) {
      this.availability = availability;
    }

    /** Takes the snapshot of the started pieces; O(pieces in progress). */
    Order begin(BlockTracker tracker) {
      started.clear();
      int n = 0;
      int[] s = new int[tracker.active().size()];
      for (PieceAssembly a : tracker.active()) {
        if (a.isStarted() && availability.isWanted(a.piece)) {
          s[n++] = a.piece;
          started.set(a.piece);
        }
      }
      startedInOrder = sortByAvailability(s, n, availability);
      return this;
    }

    void forEach(PieceAvailability.PieceVisitor visitor) {
      for (int p : startedInOrder) {
        if (!visitor.visit(p)) {
          return;
        }
      }
      availability.forEachWanted(started, visitor);
    }

    /** The whole order, for tests. */
    int[] toArray() {
      int[] out = new int[availability.pieceCount()];
      int[] n = {0};
      forEach(p -> {
        out[n[0]++] = p;
        return true;
      });
      return Arrays.copyOf(out, n[0]);
    }
  }

  /** The first {@code n} pieces of {@code pieces} by availability, then index (a few: insertion sort). */
  private static int[] sortByAvailability(int[] pieces, int n, PieceAvailability availability) {
    int[] out = Arrays.copyOf(pieces, n);
    for (int i = 1; i < n; i++) {
      int p = out[i];
      int j = i - 1;
      while (j >= 0 && before(p, out[j], availability)) {
        out[j + 1] = out[j];
        j--;
      }
      out[j + 1] = p;
    }
    return out;
  }

  private static boolean before(int x, int y, PieceAvailability availability) {
    int c = Integer.compare(availability.count(x), availability.count(y));
    return c != 0 ? c < 0 : x < y;
  }

  /**
   * Up to {@code slots} blocks to request from {@code peer}, in request order.
   *
   * @param endgame whether duplicates of blocks requested from other peers are allowed
   */
  static List<BlockRef> pick(PeerState peer, int slots, Order order, BlockTracker tracker,
      java.util.function.IntFunction<BlockLayout> layouts, boolean endgame, long now) {
    List<BlockRef> out = new ArrayList<>(slots);
    order.forEach(piece -> {
      if (peer.hasPiece(piece)) {
        addBlocks(peer, piece, slots, out, tracker, layouts, endgame, now);
      }
      return out.size() < slots;
    });
    return out;
  }

  private static void addBlocks(PeerState peer, int piece, int slots, List<BlockRef> out, BlockTracker tracker,
      java.util.function.IntFunction<BlockLayout> layouts, boolean endgame, long now) {
    PieceAssembly a = tracker.assembly(piece);
    if (a != null && a.singleSource) {
      boolean mine = peer.id().equals(a.sourcePeer);
      boolean free = a.sourcePeer == null && !a.isStarted();
      if (!mine && !free) {
        return;
      }
    }
    BlockLayout layout = a != null ? a.layout : layouts.apply(piece);
    for (int b = 0; b < layout.count() && out.size() < slots; b++) {
      if (a != null) {
        if (a.isReceived(b) || a.isRequestedFrom(b, peer.id())) {
          continue;
        }
        if (a.isRequested(b) && !endgame) {
          continue;
        }
      }
      BlockRef ref = new BlockRef(piece, layout.offset(b), layout.length(b));
      if (!peer.avoids(ref, now)) {
        out.add(ref);
      }
    }
  }
}
