package io.swarmrtc.stunturn.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 attribute values with a byte cap, rejecting malformed UTF-8 instead of guessing. */
final class TextValue {
  private TextValue() {}

  static String read(StunMessage m, int type, int maxBytes, String name) {
    int i = m.find(type);
    if (i < 0) {
      return null;
    }
    int len = m.valueLength(i);
    if (len > maxBytes) {
      throw StunDecodeException.attribute(name + ".length", len + " bytes, max " + maxBytes);
    }
    byte[] b = m.bytes();
    int off = m.valueOffset(i);
    boolean ascii = true;
    for (int k = 0; k < len && ascii; k++) {
      ascii = b[off + k] >= 0;
    }
    if (ascii) {
      return new String(b, off, len, StandardCharsets.US_ASCII);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(m.bytes(), m.valueOffset(i), len))
          .toString();
    } catch (CharacterCodingException e) {
      throw StunDecodeException.attribute(name, "not UTF-8");
    }
  }
}
