package io.swarmrtc.stunturn.allocation;

/** The fixed lifetimes of RFC 8656, in milliseconds. */
public final class Lifetimes {
  /** §3.2: an allocation lives 600 s unless refreshed; the server may cap requests. */
  public static final long DEFAULT_ALLOCATION_MS = 600_000;
  /** A requested lifetime above this is cut down (coturn's default max, 1 h). */
  public static final long MAX_ALLOCATION_MS = 3_600_000;
  /** §9: permissions last 300 s. */
  public static final long PERMISSION_MS = 300_000;
  /** §12: channel bindings last 600 s. */
  public static final long CHANNEL_MS = 600_000;
  /** §12: after expiry a channel number/peer stays reserved for another 300 s. */
  public static final long CHANNEL_QUARANTINE_MS = 300_000;

  private Lifetimes() {}

  /** §7.2/§7.3: the lifetime granted for a requested one (-1 = absent). */
  public static long grant(long requestedSeconds) {
    if (requestedSeconds < 0) {
      return DEFAULT_ALLOCATION_MS;
    }
    long ms = requestedSeconds * 1000;
    return Math.min(Math.max(ms, DEFAULT_ALLOCATION_MS), MAX_ALLOCATION_MS);
  }
}
