package io.swarmrtc.peer.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or the deadline passes. */
public final class Await {
  private Await() {}

  /** @param state described in the failure message, e.g. the stats */
  public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<?> state)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what + "; " + state.get());
      }
      Thread.sleep(20); // polling a condition with a deadline
    }
  }
}
