package io.swarmrtc.stunturn.codec;

import java.security.MessageDigest;

/**
 * MESSAGE-INTEGRITY (RFC 8489 §14.5): a 20-byte HMAC-SHA1 over the message up to the attribute,
 * with the header length adjusted to end just after it. The key for long-term credentials is
 * MD5(username ":" realm ":" password) (§9.2.2).
 */
public final class MessageIntegrity {
  public static final int LENGTH = 20;

  private MessageIntegrity() {}

  static void checkLength(int len) {
    if (len != LENGTH) {
      throw StunDecodeException.attribute("MESSAGE-INTEGRITY.length", "must be 20, is " + len);
    }
  }

  /** True when the message carries MESSAGE-INTEGRITY and it matches {@code key}. */
  public static boolean verify(StunMessage m, byte[] key) {
    int i = m.integrityIndex();
    if (i < 0) {
      return false;
    }
    int attrStart = m.valueOffset(i) - 4;
    byte[] mac = macWithLength(m.bytes(), attrStart, attrStart - StunHeader.LENGTH + 24, key, false);
    return MessageDigest.isEqual(
        java.util.Arrays.copyOfRange(m.bytes(), m.valueOffset(i), m.valueOffset(i) + LENGTH), mac);
  }

  /** HMAC over {@code b[0, end)} with the header length field replaced by {@code length}. */
  static byte[] macWithLength(byte[] b, int end, int length, byte[] key, boolean sha256) {
    byte[] copy = java.util.Arrays.copyOf(b, end);
    Bytes.put16(copy, 2, length);
    return sha256 ? Hmacs.sha256(key, copy, 0, end) : Hmacs.sha1(key, copy, 0, end);
  }
}
