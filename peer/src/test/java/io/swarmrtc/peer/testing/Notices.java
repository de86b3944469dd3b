package io.swarmrtc.peer.testing;

import io.swarmrtc.peer.ProgressListener;
import io.swarmrtc.peer.SwarmNotice;
import io.swarmrtc.peer.TransferStats;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A progress listener that records notices, for tests to wait on. */
public final class Notices implements ProgressListener {
  private final List<SwarmNotice> seen = new CopyOnWriteArrayList<>();

  @Override
  public void onProgress(TransferStats stats) {}

  @Override
  public void onNotice(SwarmNotice notice) {
    seen.add(notice);
  }

  public List<SwarmNotice> all() {
    return List.copyOf(seen);
  }

  /** Waits until a notice with {@code code} has come, at or after position {@code from}; returns its position. */
  public int await(SwarmNotice.Code code, int from, Duration timeout) throws InterruptedException {
    return await(from, n -> n.code() == code, code.toString(), timeout);
  }

  public int await(int from, Predicate<SwarmNotice> wanted, String what, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<SwarmNotice> now = all();
      for (int i = from; i < now.size(); i++) {
        if (wanted.test(now.get(i))) {
          return i;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no notice " + what + " within " + timeout + "; seen: " + now);
      }
      Thread.sleep(20); // polling a condition with a deadline
    }
  }
}
