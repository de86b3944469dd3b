package io.swarmrtc.stunturn.codec;

/**
 * CHANNEL-NUMBER (RFC 8656 §18.1): a 16-bit channel number then two RFFU bytes. Valid channels
 * are 0x4000-0x4FFF (§12).
 */
public final class ChannelNumber {
  public static final int TYPE = AttributeType.CHANNEL_NUMBER;
  public static final int MIN = 0x4000;
  public static final int MAX = 0x4FFF;

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
