package io.swarmrtc.stunturn.codec;

/** DATA (RFC 8656 §18.6): the application payload of Send and Data indications. */
public final class Data {
  public static final int TYPE = AttributeType.DATA;

  private Data() {}

  /** Index of the DATA attribute, or -1; read it with {@link #copy} or {@link #offset}. */
  public static int find(StunMessage m) {
    return m.find(TYPE);
  }

  public static byte[] copy(StunMessage m) {
    int i = m.find(TYPE);
    return i < 0 ? null : m.value(i);
  }

  /** Offset of the payload within {@link #array}: lets the relay send without a copy. */
  public static int offset(StunMessage m, int index) {
    return m.valueOffset(index);
  }

  public static byte[] array(StunMessage m) {
    return m.bytes();
  }

  public static void write(StunMessageWriter w, byte[] src, int off, int len) {
    w.attribute(TYPE, src, off, len);
  }
}
