package io.swarmrtc.swarm;

/** How many connected peers have each piece: the "rarity" of rarest-first. */
public final class PieceAvailability {
  private final int[] counts;

  public PieceAvailability(int pieceCount) {
    this.counts = new int[pieceCount];
  }

  public int count(int piece) {
    return counts[piece];
  }

  public int pieceCount() {
    return counts.length;
  }

  public void add(Bitfield has) {
    for (int i = 0; i < counts.length; i++) {
      if (has.get(i)) {
        counts[i]++;
      }
    }
  }

  public void remove(Bitfield has) {
    for (int i = 0; i < counts.length; i++) {
      if (has.get(i)) {
        counts[i]--;
      }
    }
  }

  public void increment(int piece) {
    counts[piece]++;
  }
}
