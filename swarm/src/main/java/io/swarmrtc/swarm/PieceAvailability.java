package io.swarmrtc.swarm;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * How many connected peers have each piece (the "rarity" of rarest first), kept incrementally, and
 * the pieces we still want grouped by that count: one set per count, so the wanted pieces can be
 * walked rarest first, ties by the lowest index, without sorting (see {@link #forEachWanted}).
 *
 * <p>Updates cost O(1) per piece (a HAVE) or O(pieces) per bitfield (a peer arrived or left);
 * walking costs O(pieces visited + distinct counts). Mutable; not thread-safe.
 */
final class PieceAvailability {
  /** Visits pieces in order; returns false to stop the walk. */
  interface PieceVisitor {
    boolean visit(int piece);
  }

  private final int[] counts;
  private final BitSet wanted;
  /** byCount.get(c) holds the wanted pieces that exactly c connected peers have. */
  private final List<BitSet> byCount = new ArrayList<>();

  /** Availability zero everywhere; every piece not in {@code have} is wanted. */
  PieceAvailability(Bitfield have) {
    int n = have.size();
    this.counts = new int[n];
    this.wanted = new BitSet(n);
    for (int p = 0; p < n; p++) {
      if (!have.get(p)) {
        wanted.set(p);
      }
    }
    level(0).or(wanted);
  }

  int count(int piece) {
    return counts[piece];
  }

  int pieceCount() {
    return counts.length;
  }

  boolean isWanted(int piece) {
    return wanted.get(piece);
  }

  /** A peer with {@code has} connected (or its bitfield arrived). */
  void add(Bitfield has) {
    for (int p = 0; p < counts.length; p++) {
      if (has.get(p)) {
        increment(p);
      }
    }
  }

  /** A peer with {@code has} left. */
  void remove(Bitfield has) {
    for (int p = 0; p < counts.length; p++) {
      if (has.get(p)) {
        move(p, counts[p] - 1);
      }
    }
  }

  /** One more peer has {@code piece} (a HAVE). */
  void increment(int piece) {
    move(piece, counts[piece] + 1);
  }

  /** We hold {@code piece} now: it is no longer wanted. */
  void obtained(int piece) {
    if (wanted.get(piece)) {
      wanted.clear(piece);
      byCount.get(counts[piece]).clear(piece);
    }
  }

  /**
   * Visits the wanted pieces rarest first, ties by the lowest index, skipping those in
   * {@code skip}, until the visitor returns false.
   */
  void forEachWanted(BitSet skip, PieceVisitor visitor) {
    for (BitSet level : byCount) {
      for (int p = level.nextSetBit(0); p >= 0; p = level.nextSetBit(p + 1)) {
        if (!skip.get(p) && !visitor.visit(p)) {
          return;
        }
      }
    }
  }

  private void move(int piece, int count) {
    if (wanted.get(piece)) {
      byCount.get(counts[piece]).clear(piece);
      level(count).set(piece);
    }
    counts[piece] = count;
  }

  private BitSet level(int count) {
    while (byCount.size() <= count) {
      byCount.add(new BitSet(counts.length));
    }
    return byCount.get(count);
  }
}
