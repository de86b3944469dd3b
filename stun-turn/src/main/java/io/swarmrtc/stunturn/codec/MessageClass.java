package io.swarmrtc.stunturn.codec;

/** The two class bits of a STUN message type (RFC 8489 §5). */
public enum MessageClass {
  REQUEST(0b00),
  INDICATION(0b01),
  SUCCESS_RESPONSE(0b10),
  ERROR_RESPONSE(0b11);

  private static final MessageClass[] BY_BITS = values();
  private final int bits;

  MessageClass(int bits) {
    this.bits = bits;
  }

  public int bits() {
    return bits;
  }

  static MessageClass ofBits(int bits) {
    return BY_BITS[bits & 3];
  }
}
