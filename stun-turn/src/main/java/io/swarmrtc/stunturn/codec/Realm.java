package io.swarmrtc.stunturn.codec;

/** REALM (RFC 8489 §14.9: the realm of long-term credentials, under 128 characters (763 bytes).) */
public final class Realm {
  public static final int TYPE = AttributeType.REALM;
  public static final int MAX_BYTES = 763;

  private Realm() {}

  /** The value, or null when absent. */
  public static String read(StunMessage m) {
    return TextValue.read(m, TYPE, MAX_BYTES, "REALM");
  }

  public static void write(StunMessageWriter w, String value) {
    w.utf8(TYPE, value);
  }
}
