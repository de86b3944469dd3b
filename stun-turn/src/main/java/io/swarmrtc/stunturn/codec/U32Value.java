package io.swarmrtc.stunturn.codec;

/** Attributes whose value is exactly 4 bytes. */
final class U32Value {
  private U32Value() {}

  /** The value as an unsigned int in a long, or -1 when absent. */
  static long read(StunMessage m, int type, String name) {
    int i = m.find(type);
    if (i < 0) {
      return -1;
    }
    if (m.valueLength(i) != 4) {
      throw StunDecodeException.attribute(name + ".length", "must be 4, is " + m.valueLength(i));
    }
    return Bytes.u32(m.bytes(), m.valueOffset(i)) & 0xFFFFFFFFL;
  }
}
