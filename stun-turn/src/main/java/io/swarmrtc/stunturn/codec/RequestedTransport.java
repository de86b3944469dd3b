package io.swarmrtc.stunturn.codec;

/**
 * REQUESTED-TRANSPORT (RFC 8656 §18.7): an IANA protocol number in the first byte (17 = UDP),
 * then three RFFU bytes.
 */
public final class RequestedTransport {
  public static final int TYPE = AttributeType.REQUESTED_TRANSPORT;
  public static final int UDP = 17;

  private RequestedTransport() {}

  /** The protocol number, or -1 when absent. */
  public static int read(StunMessage m) {
    long v = U32Value.read(m, TYPE, "REQUESTED-TRANSPORT");
    return v < 0 ? -1 : (int) (v >>> 24);
  }

  public static void write(StunMessageWriter w, int protocol) {
    w.u32(TYPE, protocol << 24);
  }
}
