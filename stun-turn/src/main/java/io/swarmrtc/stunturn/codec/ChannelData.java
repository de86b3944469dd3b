package io.swarmrtc.stunturn.codec;

import java.util.Arrays;

/**
 * A ChannelData message (RFC 8656 §12.4): channel number (0x4000-0x7FFF, see {@link ChannelNumber}),
 * payload length, payload.
 * Over TCP the frame is padded to a multiple of 4 (§12.5); over UDP padding is optional, so a
 * datagram may hold the exact or the padded size, nothing else.
 */
public record ChannelData(int channel, byte[] data) {
  public static final int HEADER_LENGTH = 4;

  public ChannelData {
    if (!ChannelNumber.isValid(channel)) {
      throw new IllegalArgumentException("channel out of 0x4000..0x7FFF: " + channel);
    }
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** Whether the first byte starts a ChannelData frame (top bits 01) rather than STUN (00). */
  public static boolean isChannelData(int firstByte) {
    return (firstByte & 0xC0) == 0x40;
  }

  /** Size of the TCP frame that starts with this header (padded), or -1 for a bad channel. */
  public static int tcpFrameLength(byte[] b, int off) {
    int channel = Bytes.u16(b, off);
    if (!ChannelNumber.isValid(channel)) {
      return -1;
    }
    return HEADER_LENGTH + ((Bytes.u16(b, off + 2) + 3) & ~3);
  }

  /**
   * Validates a ChannelData datagram/frame without copying and returns the payload length.
   *
   * @param padded true over TCP, where the frame must be padded to a multiple of 4
   */
  public static int checkFrame(byte[] b, int off, int len, boolean padded) {
    if (len < HEADER_LENGTH) {
      throw StunDecodeException.framing("ChannelData.header", "truncated: " + len + " bytes");
    }
    int channel = Bytes.u16(b, off);
    if (!ChannelNumber.isValid(channel)) {
      throw StunDecodeException.framing("ChannelData.channel",
          String.format("0x%04X out of 0x4000..0x7FFF", channel));
    }
    int dataLength = Bytes.u16(b, off + 2);
    int paddedLength = HEADER_LENGTH + ((dataLength + 3) & ~3);
    boolean exact = len == HEADER_LENGTH + dataLength;
    if (padded ? len != paddedLength : !(exact || len == paddedLength)) {
      throw StunDecodeException.framing("ChannelData.length",
          "declares " + dataLength + " bytes, frame has " + (len - HEADER_LENGTH));
    }
    return dataLength;
  }

  public static int channelOf(byte[] b, int off) {
    return Bytes.u16(b, off);
  }

  public static ChannelData decode(byte[] b, int off, int len, boolean padded) {
    int dataLength = checkFrame(b, off, len, padded);
    return new ChannelData(Bytes.u16(b, off),
        Arrays.copyOfRange(b, off + HEADER_LENGTH, off + HEADER_LENGTH + dataLength));
  }

  /** Writes the 4-byte header in place, e.g. in front of a payload received at offset 4. */
  public static void writeHeader(byte[] b, int off, int channel, int dataLength) {
    Bytes.put16(b, off, channel);
    Bytes.put16(b, off + 2, dataLength);
  }

  /** Encodes this message, padded to a multiple of 4 when {@code padded}. */
  public byte[] encode(boolean padded) {
    int total = HEADER_LENGTH + (padded ? (data.length + 3) & ~3 : data.length);
    byte[] out = new byte[total];
    writeHeader(out, 0, channel, data.length);
    System.arraycopy(data, 0, out, HEADER_LENGTH, data.length);
    return out;
  }
}
