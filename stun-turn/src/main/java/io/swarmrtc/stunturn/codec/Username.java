package io.swarmrtc.stunturn.codec;

/** USERNAME (RFC 8489 §14.3: the user name of the credentials, under 513 bytes.) */
public final class Username {
  public static final int TYPE = AttributeType.USERNAME;
  public static final int MAX_BYTES = 512;

  private Username() {}

  /** The value, or null when absent. */
  public static String read(StunMessage m) {
    return TextValue.read(m, TYPE, MAX_BYTES, "USERNAME");
  }

  public static void write(StunMessageWriter w, String value) {
    w.utf8(TYPE, value);
  }
}
