package io.swarmrtc.protocol.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Strict UTF-8 for the binary codecs: malformed input or unpaired surrogates are errors, never
 * silently replaced, so two peers can never disagree about the bytes behind a text field. Each
 * codec passes the typed exception that names its own field.
 */
public final class StrictUtf8 {
  private StrictUtf8() {}

  /** Encodes {@code s}, throwing {@code invalid}'s exception for text that is not valid Unicode. */
  public static byte[] encode(String s, Supplier<? extends RuntimeException> invalid) {
    try {
      ByteBuffer b = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(s));
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw invalid.get();
    }
  }

  /** Decodes all remaining bytes, throwing {@code invalid}'s exception for malformed UTF-8. */
  public static String decode(ByteBuffer bytes, Supplier<? extends RuntimeException> invalid) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      throw invalid.get();
    }
  }
}
