package io.swarmrtc.stunturn.codec;

/**
 * The 20-byte STUN header (RFC 8489 §5): two zero bits, 14-bit type, 16-bit length of the
 * attributes (a multiple of 4), the magic cookie and a 96-bit transaction id.
 */
public final class StunHeader {
  public static final int LENGTH = 20;
  public static final int MAGIC_COOKIE = 0x2112A442;
  public static final int TRANSACTION_ID_LENGTH = 12;

  private StunHeader() {}

  /** Interleaves method bits M0-M11 with class bits C0-C1 as in RFC 8489 figure 3. */
  public static int messageType(int method, MessageClass messageClass) {
    int c = messageClass.bits();
    return (method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2)
        | ((c & 1) << 4) | ((c & 2) << 7);
  }

  public static int method(int messageType) {
    return (messageType & 0x000F) | ((messageType & 0x00E0) >> 1) | ((messageType & 0x3E00) >> 2);
  }

  public static MessageClass messageClass(int messageType) {
    return MessageClass.ofBits(((messageType >> 4) & 1) | ((messageType >> 7) & 2));
  }

  /**
   * Checks the framing of a whole datagram (or a TCP frame cut to its declared size) without
   * copying: top bits, magic cookie, length multiple of 4 and equal to the bytes present.
   */
  public static void checkFraming(byte[] b, int off, int len) {
    if (len < LENGTH) {
      throw StunDecodeException.framing("header", "truncated: " + len + " bytes");
    }
    if ((b[off] & 0xC0) != 0) {
      throw StunDecodeException.framing("header.type", "top two bits set");
    }
    if (Bytes.u32(b, off + 4) != MAGIC_COOKIE) {
      throw StunDecodeException.framing("header.magicCookie", "wrong magic cookie");
    }
    int bodyLength = Bytes.u16(b, off + 2);
    if ((bodyLength & 3) != 0) {
      throw StunDecodeException.framing("header.length", "not a multiple of 4: " + bodyLength);
    }
    if (bodyLength != len - LENGTH) {
      throw StunDecodeException.framing("header.length",
          "declares " + bodyLength + " bytes, " + (len - LENGTH) + " present");
    }
  }
}
