package io.swarmrtc.peer.internal.storage;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How a {@link PieceStore} persists and re-checks its state.
 *
 * @param batchPieces write the resume state after this many newly verified pieces...
 * @param batchInterval ...or when this much time passed since the last write, whichever is first
 *     (a crash re-downloads at most one batch, never trusts an unverified piece)
 * @param spotChecks on reopening, re-verify this many random pieces the state claims; if one fails,
 *     re-verify them all
 * @param clock time source for batching
 * @param random picks spot-checked pieces
 */
public record StoreOptions(int batchPieces, Duration batchInterval, int spotChecks, Clock clock,
    RandomGenerator random) {
  public StoreOptions {
    Objects.requireNonNull(batchInterval, "batchInterval");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    if (batchPieces < 1 || spotChecks < 0) {
      throw new IllegalArgumentException("batchPieces >= 1 and spotChecks >= 0");
    }
  }

  /** 16 pieces or 1 s per state write, 2 spot checks on reopen. */
  public static StoreOptions defaults() {
    return new StoreOptions(16, Duration.ofSeconds(1), 2, Clock.systemUTC(), RandomGenerator.getDefault());
  }
}
