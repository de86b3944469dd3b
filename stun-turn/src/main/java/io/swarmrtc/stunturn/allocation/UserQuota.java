package io.swarmrtc.stunturn.allocation;

/**
 * One user's share: live allocations and a token bucket of relayed bytes per second (one second
 * of burst). Touched only by the server's event loop.
 */
public final class UserQuota {
  private final long bytesPerSecond;
  private int allocations;
  private long tokens;
  private long lastRefillMillis;

  UserQuota(long bytesPerSecond, long nowMillis) {
    this.bytesPerSecond = bytesPerSecond;
    this.tokens = bytesPerSecond;
    this.lastRefillMillis = nowMillis;
  }

  public int allocations() {
    return allocations;
  }

  void addAllocation(int delta) {
    allocations += delta;
  }

  /** Takes {@code bytes} from the bucket; false means "over the limit, drop the packet". */
  public boolean trySpend(int bytes, long nowMillis) {
    if (bytesPerSecond <= 0) {
      return true;
    }
    long elapsed = nowMillis - lastRefillMillis;
    if (elapsed > 0) {
      tokens = Math.min(bytesPerSecond, tokens + elapsed * bytesPerSecond / 1000);
      lastRefillMillis = nowMillis;
    }
    if (tokens < bytes) {
      return false;
    }
    tokens -= bytes;
    return true;
  }
}
