package io.swarmrtc.stunturn.codec;

import java.nio.charset.StandardCharsets;

/**
 * ERROR-CODE (RFC 8489 §14.8): 21 zero bits, class (3-6), number (0-99), then a UTF-8 reason
 * phrase under 128 characters.
 */
public record ErrorCode(int code, String reason) {
  public static final int TYPE = AttributeType.ERROR_CODE;

  public ErrorCode {
    if (code < 300 || code > 699) {
      throw new IllegalArgumentException("error code out of 300..699: " + code);
    }
  }

  /** The ERROR-CODE of the message, or null when absent. */
  public static ErrorCode read(StunMessage m) {
    int i = m.find(TYPE);
    if (i < 0) {
      return null;
    }
    int len = m.valueLength(i);
    if (len < 4 || len > 4 + 763) {
      throw StunDecodeException.attribute("ERROR-CODE.length", "out of 4..767: " + len);
    }
    byte[] b = m.bytes();
    int off = m.valueOffset(i);
    int cls = b[off + 2] & 0x07;
    int number = b[off + 3] & 0xFF;
    if (cls < 3 || cls > 6 || number > 99) {
      throw StunDecodeException.attribute("ERROR-CODE.code", "invalid " + cls + "/" + number);
    }
    String reason = TextValue.read(m, TYPE, 4 + 763, "ERROR-CODE");
    return new ErrorCode(cls * 100 + number, reason.substring(Math.min(4, reason.length())));
  }

  public static void write(StunMessageWriter w, int code, String reason) {
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    int off = w.reserve(TYPE, 4 + text.length);
    byte[] b = w.buffer();
    b[off] = 0;
    b[off + 1] = 0;
    b[off + 2] = (byte) (code / 100);
    b[off + 3] = (byte) (code % 100);
    System.arraycopy(text, 0, b, off + 4, text.length);
  }
}
