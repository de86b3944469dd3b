package io.swarmrtc.stunturn.codec;

/** LIFETIME (RFC 8656 §18.4): seconds until the allocation expires, unsigned 32-bit. */
public final class Lifetime {
  public static final int TYPE = AttributeType.LIFETIME;

  private Lifetime() {}

  /** Seconds, or -1 when absent. */
  public static long read(StunMessage m) {
    return U32Value.read(m, TYPE, "LIFETIME");
  }

  public static void write(StunMessageWriter w, long seconds) {
    w.u32(TYPE, (int) seconds);
  }
}
