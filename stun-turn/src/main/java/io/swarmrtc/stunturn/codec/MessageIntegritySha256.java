package io.swarmrtc.stunturn.codec;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6): HMAC-SHA256, possibly truncated to 16-32 bytes in
 * multiples of 4, computed like MESSAGE-INTEGRITY. Without PASSWORD-ALGORITHM the long-term key is
 * the MD5 one (§9.2.2).
 */
public final class MessageIntegritySha256 {
  public static final int MAX_LENGTH = 32;
  public static final int MIN_LENGTH = 16;

  private MessageIntegritySha256() {}

  static void checkLength(int len) {
    if (len < MIN_LENGTH || len > MAX_LENGTH || (len & 3) != 0) {
      throw StunDecodeException.attribute("MESSAGE-INTEGRITY-SHA256.length",
          "must be 16..32 and a multiple of 4, is " + len);
    }
  }

  public static boolean verify(StunMessage m, byte[] key) {
    int i = m.integritySha256Index();
    if (i < 0) {
      return false;
    }
    int len = m.valueLength(i);
    int attrStart = m.valueOffset(i) - 4;
    byte[] mac = MessageIntegrity.macWithLength(
        m.bytes(), attrStart, attrStart - StunHeader.LENGTH + 4 + len, key, true);
    byte[] got = Arrays.copyOfRange(m.bytes(), m.valueOffset(i), m.valueOffset(i) + len);
    return MessageDigest.isEqual(got, Arrays.copyOf(mac, len));
  }
}
