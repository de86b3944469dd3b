package io.swarmrtc.stunturn.codec;

/** SOFTWARE (RFC 8489 §14.14: the agent's software description, under 128 characters.) */
public final class Software {
  public static final int TYPE = AttributeType.SOFTWARE;
  public static final int MAX_BYTES = 763;

  private Software() {}

  /** The value, or null when absent. */
  public static String read(StunMessage m) {
    return TextValue.read(m, TYPE, MAX_BYTES, "SOFTWARE");
  }

  public static void write(StunMessageWriter w, String value) {
    w.utf8(TYPE, value);
  }
}
