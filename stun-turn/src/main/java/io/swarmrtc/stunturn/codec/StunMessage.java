package io.swarmrtc.stunturn.codec;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * A decoded STUN message (RFC 8489 §5, §14): an immutable copy of the bytes plus an index of its
 * attributes. Typed attribute values are read with the attribute classes of this package, e.g.
 * {@code XorPeerAddress.first(message)}.
 *
 * <p>Decoding is strict: the framing checks of {@link StunHeader#checkFraming}, every attribute
 * length and its padding inside the message, at most {@value #MAX_ATTRIBUTES} attributes, only
 * MESSAGE-INTEGRITY-SHA256 and FINGERPRINT after MESSAGE-INTEGRITY, nothing after FINGERPRINT,
 * and a FINGERPRINT (when present) that matches.
 */
public final class StunMessage {
  public static final int MAX_ATTRIBUTES = 64;
  private static final int[] NONE = new int[0];

  private final byte[] bytes;
  private final int type;
  private final int attributeCount;
  /** Per attribute: type, value offset, value length. */
  private final int[] index;
  private final int integrityIndex;
  private final int integritySha256Index;
  private final int fingerprintIndex;

  private StunMessage(byte[] bytes, int attributeCount, int[] index, int mi, int mi256, int fp) {
    this.bytes = bytes;
    this.type = Bytes.u16(bytes, 0);
    this.attributeCount = attributeCount;
    this.index = index;
    this.integrityIndex = mi;
    this.integritySha256Index = mi256;
    this.fingerprintIndex = fp;
  }

  /** Decodes exactly {@code len} bytes (one datagram or one TCP frame). */
  public static StunMessage decode(byte[] src, int off, int len) {
    StunHeader.checkFraming(src, off, len);
    byte[] b = Arrays.copyOfRange(src, off, off + len);
    int[] index = new int[12];
    int count = 0;
    int mi = -1;
    int mi256 = -1;
    int fp = -1;
    int pos = StunHeader.LENGTH;
    while (pos < len) {
      if (len - pos < 4) {
        throw StunDecodeException.attribute("attribute.header", "truncated at offset " + pos);
      }
      int at = Bytes.u16(b, pos);
      int alen = Bytes.u16(b, pos + 2);
      // Names are built only on failure: String.format has no place on the hot path.
      if (alen > len - pos - 4) {
        throw StunDecodeException.attribute(AttributeNames.name(at) + ".length",
            alen + " bytes past the end");
      }
      int padded = (alen + 3) & ~3;
      if (padded > len - pos - 4) {
        throw StunDecodeException.attribute(AttributeNames.name(at) + ".padding",
            "padding past the end");
      }
      if (fp >= 0) {
        throw StunDecodeException.attribute(AttributeNames.name(at), "attribute after FINGERPRINT");
      }
      if (mi256 >= 0 && at != AttributeType.FINGERPRINT) {
        throw StunDecodeException.attribute(AttributeNames.name(at),
            "attribute after MESSAGE-INTEGRITY-SHA256");
      }
      if (mi >= 0 && at != AttributeType.FINGERPRINT
          && at != AttributeType.MESSAGE_INTEGRITY_SHA256) {
        throw StunDecodeException.attribute(AttributeNames.name(at),
            "attribute after MESSAGE-INTEGRITY");
      }
      if (count == MAX_ATTRIBUTES) {
        throw StunDecodeException.attribute("attributes", "more than " + MAX_ATTRIBUTES);
      }
      if (count * 3 + 3 > index.length) {
        index = Arrays.copyOf(index, index.length * 2);
      }
      index[count * 3] = at;
      index[count * 3 + 1] = pos + 4;
      index[count * 3 + 2] = alen;
      switch (at) {
        case AttributeType.MESSAGE_INTEGRITY:
          MessageIntegrity.checkLength(alen);
          mi = count;
          break;
        case AttributeType.MESSAGE_INTEGRITY_SHA256:
          MessageIntegritySha256.checkLength(alen);
          mi256 = count;
          break;
        case AttributeType.FINGERPRINT:
          Fingerprint.checkLength(alen);
          fp = count;
          break;
        default:
          break;
      }
      count++;
      pos += 4 + padded;
    }
    StunMessage m = new StunMessage(b, count, index, mi, mi256, fp);
    if (fp >= 0 && !Fingerprint.matches(m)) {
      throw StunDecodeException.framing("FINGERPRINT", "CRC mismatch");
    }
    return m;
  }

  public int messageType() {
    return type;
  }

  public int method() {
    return StunHeader.method(type);
  }

  public MessageClass messageClass() {
    return StunHeader.messageClass(type);
  }

  public byte[] transactionId() {
    return Arrays.copyOfRange(bytes, 8, 20);
  }

  /** Whether this message's transaction id equals {@code other}'s. */
  public boolean sameTransaction(byte[] transactionId) {
    return Arrays.equals(bytes, 8, 20, transactionId, 0, 12);
  }

  public int attributeCount() {
    return attributeCount;
  }

  public int attributeType(int i) {
    return index[i * 3];
  }

  /** Index of the first attribute of this type, or -1. Later duplicates are ignored (§14). */
  public int find(int attributeType) {
    for (int i = 0; i < attributeCount; i++) {
      if (index[i * 3] == attributeType) {
        return i;
      }
    }
    return -1;
  }

  public boolean has(int attributeType) {
    return find(attributeType) >= 0;
  }

  /** A copy of the value of attribute {@code i}, without padding. */
  public byte[] value(int i) {
    int off = index[i * 3 + 1];
    return Arrays.copyOfRange(bytes, off, off + index[i * 3 + 2]);
  }

  public int valueLength(int i) {
    return index[i * 3 + 2];
  }

  /** The whole message as decoded, copied. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  /**
   * Comprehension-required attribute types the caller does not know, in order of first
   * appearance and without duplicates: the content of a 420 response's UNKNOWN-ATTRIBUTES.
   */
  public int[] unknownComprehensionRequired(IntPredicate known) {
    int[] out = NONE;
    for (int i = 0; i < attributeCount; i++) {
      int t = index[i * 3];
      if (AttributeType.isComprehensionRequired(t) && !known.test(t)) {
        boolean seen = false;
        for (int u : out) {
          seen |= u == t;
        }
        if (!seen) {
          out = Arrays.copyOf(out, out.length + 1);
          out[out.length - 1] = t;
        }
      }
    }
    return out;
  }

  // Package-private views for the attribute classes: no copies on the hot path.
  byte[] bytes() {
    return bytes;
  }

  int valueOffset(int i) {
    return index[i * 3 + 1];
  }

  int integrityIndex() {
    return integrityIndex;
  }

  int integritySha256Index() {
    return integritySha256Index;
  }

  int fingerprintIndex() {
    return fingerprintIndex;
  }

  public boolean hasMessageIntegrity() {
    return integrityIndex >= 0;
  }

  public boolean hasMessageIntegritySha256() {
    return integritySha256Index >= 0;
  }

  public boolean hasFingerprint() {
    return fingerprintIndex >= 0;
  }
}
