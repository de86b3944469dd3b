package io.swarmrtc.stunturn.codec;

/** REQUESTED-ADDRESS-FAMILY (RFC 8656 §18.8): 0x01 IPv4 or 0x02 IPv6 in the first byte. */
public final class RequestedAddressFamily {
  public static final int TYPE = AttributeType.REQUESTED_ADDRESS_FAMILY;
  public static final int IPV4 = 1;
  public static final int IPV6 = 2;

  private RequestedAddressFamily() {}

  /** The family, or -1 when absent. */
  public static int read(StunMessage m) {
    long v = U32Value.read(m, TYPE, "REQUESTED-ADDRESS-FAMILY");
    if (v < 0) {
      return -1;
    }
    int family = (int) (v >>> 24);
    if (family != IPV4 && family != IPV6) {
      throw StunDecodeException.attribute("REQUESTED-ADDRESS-FAMILY.family", "unknown " + family);
    }
    return family;
  }

  public static void write(StunMessageWriter w, int family) {
    w.u32(TYPE, family << 24);
  }
}
