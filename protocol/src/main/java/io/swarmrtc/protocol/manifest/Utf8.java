package io.swarmrtc.protocol.manifest;

import io.swarmrtc.protocol.internal.StrictUtf8;
import java.nio.ByteBuffer;

/** Strict UTF-8 for manifest text fields; errors name the field. */
final class Utf8 {
  private Utf8() {}

  static byte[] encode(String s, String field) {
    return StrictUtf8.encode(s, () -> new ManifestFormatException(field, "not valid Unicode text"));
  }

  static String decode(ByteBuffer bytes, String field) {
    return StrictUtf8.decode(bytes, () -> new ManifestFormatException(field, "not valid UTF-8"));
  }
}
