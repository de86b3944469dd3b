package io.swarmrtc.stunturn.codec;

import java.util.zip.CRC32;

/**
 * FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message up to the attribute XOR 0x5354554E. It is
 * always last, so the header length already covers it. A mismatch means "not STUN": drop.
 */
public final class Fingerprint {
  public static final int XOR = 0x5354554E;

  private Fingerprint() {}

  static void checkLength(int len) {
    if (len != 4) {
      throw StunDecodeException.attribute("FINGERPRINT.length", "must be 4, is " + len);
    }
  }

  static int compute(byte[] b, int off, int len) {
    CRC32 crc = new CRC32();
    crc.update(b, off, len);
    return (int) crc.getValue() ^ XOR;
  }

  static boolean matches(StunMessage m) {
    int i = m.fingerprintIndex();
    int at = m.valueOffset(i);
    return compute(m.bytes(), 0, at - 4) == Bytes.u32(m.bytes(), at);
  }
}
