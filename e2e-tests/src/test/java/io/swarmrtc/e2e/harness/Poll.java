package io.swarmrtc.e2e.harness;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Waits for a condition evaluated in Java, with a deadline and a message that says what was
 * awaited. For conditions inside a page use {@link Chromium#waitForJs}, which polls in the page.
 */
public final class Poll {

  private static final long INTERVAL_NANOS = Duration.ofMillis(20).toNanos();

  private Poll() {}

  /**
   * Returns the first present value of {@code probe}, or throws {@link AssertionError} naming
   * {@code what} once {@code timeout} has passed.
   */
  public static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for " + what);
      }
      LockSupport.parkNanos(INTERVAL_NANOS);
    }
  }
}
