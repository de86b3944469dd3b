package io.swarmrtc.stunturn.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes one STUN message at a time into a reusable buffer (RFC 8489 §5, §14): header, then
 * attributes with zero padding, keeping the header length current, then optionally
 * MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and FINGERPRINT, in that order. Not thread-safe;
 * one writer per thread avoids per-message allocation.
 *
 * <pre>{@code
 * StunMessageWriter w = new StunMessageWriter(1500);
 * w.begin(StunMethod.BINDING, MessageClass.SUCCESS_RESPONSE, txId);
 * XorMappedAddress.write(w, clientAddress);
 * w.fingerprint();
 * channel.send(ByteBuffer.wrap(w.buffer(), 0, w.length()), clientAddress);
 * }</pre>
 */
public final class StunMessageWriter {
  private final byte[] buf;
  private int pos;
  private byte padding;

  public StunMessageWriter(int capacity) {
    if (capacity < StunHeader.LENGTH) {
      throw new IllegalArgumentException("capacity below a STUN header: " + capacity);
    }
    this.buf = new byte[capacity];
  }

  /**
   * The byte used for padding (RFC 8489 §14: any value, receivers ignore it). Zero by default;
   * RFC 5769's vectors pad with spaces, so a bit-exact re-encoding needs this.
   */
  public StunMessageWriter paddingByte(byte value) {
    this.padding = value;
    return this;
  }

  public StunMessageWriter begin(int method, MessageClass messageClass, byte[] transactionId) {
    if (transactionId.length != StunHeader.TRANSACTION_ID_LENGTH) {
      throw new IllegalArgumentException("transaction id must be 12 bytes");
    }
    writeHeader(method, messageClass);
    System.arraycopy(transactionId, 0, buf, 8, 12);
    return this;
  }

  /** Starts a response to {@code request}, reusing its transaction id without a copy. */
  public StunMessageWriter beginResponse(StunMessage request, MessageClass messageClass) {
    writeHeader(request.method(), messageClass);
    System.arraycopy(request.bytes(), 8, buf, 8, 12);
    return this;
  }

  private void writeHeader(int method, MessageClass messageClass) {
    Bytes.put16(buf, 0, StunHeader.messageType(method, messageClass));
    Bytes.put16(buf, 2, 0);
    Bytes.put32(buf, 4, StunHeader.MAGIC_COOKIE);
    pos = StunHeader.LENGTH;
  }

  /** Appends an attribute header and zeroed, padded space; returns the value offset. */
  int reserve(int type, int length) {
    int padded = (length + 3) & ~3;
    if (length > 0xFFFF || pos + 4 + padded > buf.length || pos + 4 + padded - 20 > 0xFFFF) {
      throw new IllegalArgumentException("message exceeds " + buf.length + " bytes");
    }
    Bytes.put16(buf, pos, type);
    Bytes.put16(buf, pos + 2, length);
    int valueOffset = pos + 4;
    Arrays.fill(buf, valueOffset + length, valueOffset + padded, padding);
    pos = valueOffset + padded;
    Bytes.put16(buf, 2, pos - StunHeader.LENGTH);
    return valueOffset;
  }

  public StunMessageWriter attribute(int type, byte[] src, int off, int len) {
    int at = reserve(type, len);
    System.arraycopy(src, off, buf, at, len);
    return this;
  }

  public StunMessageWriter attribute(int type, byte[] value) {
    return attribute(type, value, 0, value.length);
  }

  public StunMessageWriter u32(int type, int value) {
    Bytes.put32(buf, reserve(type, 4), value);
    return this;
  }

  public StunMessageWriter utf8(int type, String value) {
    return attribute(type, value.getBytes(StandardCharsets.UTF_8));
  }

  /** RFC 8489 §14.5: HMAC-SHA1 over everything before, with the length covering this attribute. */
  public StunMessageWriter messageIntegrity(byte[] key) {
    int start = pos;
    Bytes.put16(buf, 2, start - StunHeader.LENGTH + 24);
    byte[] mac = Hmacs.sha1(key, buf, 0, start);
    attribute(AttributeType.MESSAGE_INTEGRITY, mac);
    return this;
  }

  /** RFC 8489 §14.6: HMAC-SHA256, full 32 bytes. */
  public StunMessageWriter messageIntegritySha256(byte[] key) {
    int start = pos;
    Bytes.put16(buf, 2, start - StunHeader.LENGTH + 36);
    byte[] mac = Hmacs.sha256(key, buf, 0, start);
    attribute(AttributeType.MESSAGE_INTEGRITY_SHA256, mac);
    return this;
  }

  /** RFC 8489 §14.7: CRC-32 of everything before, XOR 0x5354554E; always the last attribute. */
  public StunMessageWriter fingerprint() {
    int start = pos;
    Bytes.put16(buf, 2, start - StunHeader.LENGTH + 8);
    int crc = Fingerprint.compute(buf, 0, start);
    u32(AttributeType.FINGERPRINT, crc);
    return this;
  }

  public int length() {
    return pos;
  }

  /** The internal buffer; valid bytes are {@code [0, length())}. */
  public byte[] buffer() {
    return buf;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }
}
