package io.swarmrtc.stunturn.codec;

/**
 * CHANNEL-NUMBER (RFC 8656 §18.1): a 16-bit channel number then two RFFU bytes.
 *
 * <p>RFC 8656 §12 narrowed channels to 0x4000-0x4FFF, but RFC 5766 allowed 0x4000-0x7FFF and
 * deployed clients still use it (coturn's turnutils_uclient picks random channels up to 0x7FFF).
 * The ChannelData demultiplexing (first two bits 01) is unambiguous for the whole range, so we
 * accept it for interoperability; 0x8000 and above are never channels.
 */
public final class ChannelNumber {
  public static final int TYPE = AttributeType.CHANNEL_NUMBER;
  public static final int MIN = 0x4000;
  public static final int MAX = 0x7FFF;

  private ChannelNumber() {}

  /** The channel number (not range-checked: that is a 400 decided by the handler), or -1. */
  public static int read(StunMessage m) {
    long v = U32Value.read(m, TYPE, "CHANNEL-NUMBER");
    return v < 0 ? -1 : (int) (v >>> 16);
  }

  public static boolean isValid(int channel) {
    return channel >= MIN && channel <= MAX;
  }

  public static void write(StunMessageWriter w, int channel) {
    w.u32(TYPE, channel << 16);
  }
}
