package io.swarmrtc.stunturn.codec;

/** NONCE (RFC 8489 §14.10: the server's nonce, under 128 characters (763 bytes).) */
public final class Nonce {
  public static final int TYPE = AttributeType.NONCE;
  public static final int MAX_BYTES = 763;

  private Nonce() {}

  /** The value, or null when absent. */
  public static String read(StunMessage m) {
    return TextValue.read(m, TYPE, MAX_BYTES, "NONCE");
  }

  public static void write(StunMessageWriter w, String value) {
    w.utf8(TYPE, value);
  }
}
