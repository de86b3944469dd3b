package io.swarmrtc.stunturn.codec;

/** UNKNOWN-ATTRIBUTES (RFC 8489 §14.13): the 16-bit types a 420 response could not handle. */
public final class UnknownAttributes {
  public static final int TYPE = AttributeType.UNKNOWN_ATTRIBUTES;

  private UnknownAttributes() {}

  public static int[] read(StunMessage m) {
    int i = m.find(TYPE);
    if (i < 0) {
      return null;
    }
    int len = m.valueLength(i);
    if ((len & 1) != 0) {
      throw StunDecodeException.attribute("UNKNOWN-ATTRIBUTES.length", "odd: " + len);
    }
    int[] out = new int[len / 2];
    for (int k = 0; k < out.length; k++) {
      out[k] = Bytes.u16(m.bytes(), m.valueOffset(i) + 2 * k);
    }
    return out;
  }

  public static void write(StunMessageWriter w, int[] types) {
    int off = w.reserve(TYPE, types.length * 2);
    for (int k = 0; k < types.length; k++) {
      Bytes.put16(w.buffer(), off + 2 * k, types[k]);
    }
  }
}
