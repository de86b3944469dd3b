package io.swarmrtc.stunturn.codec;

/**
 * EVEN-PORT (RFC 8656 §18.9): one byte whose top bit R asks to also reserve the next port; the
 * value asks for an even relayed port (RTP). Padded to 4 bytes on the wire.
 */
public final class EvenPort {
  public static final int TYPE = AttributeType.EVEN_PORT;

  /** What the client asked for. */
  public enum Request { ABSENT, EVEN, EVEN_AND_RESERVE_NEXT }

  private EvenPort() {}

  public static Request read(StunMessage m) {
    int i = m.find(TYPE);
    if (i < 0) {
      return Request.ABSENT;
    }
    if (m.valueLength(i) != 1) {
      throw StunDecodeException.attribute("EVEN-PORT.length", "must be 1, is " + m.valueLength(i));
    }
    return (m.bytes()[m.valueOffset(i)] & 0x80) != 0 ? Request.EVEN_AND_RESERVE_NEXT : Request.EVEN;
  }

  public static void write(StunMessageWriter w, boolean reserveNext) {
    w.attribute(TYPE, new byte[] {(byte) (reserveNext ? 0x80 : 0)});
  }
}
