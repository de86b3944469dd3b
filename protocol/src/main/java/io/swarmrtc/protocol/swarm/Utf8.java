package io.swarmrtc.protocol.swarm;

import io.swarmrtc.protocol.internal.StrictUtf8;
import java.nio.ByteBuffer;

/** Strict UTF-8 for GOODBYE reasons, the only text on the swarm wire. */
final class Utf8 {
  private Utf8() {}

  static byte[] encode(String s) {
    return StrictUtf8.encode(s, () -> new SwarmFormatException("reason", "not valid Unicode text"));
  }

  static String decode(ByteBuffer bytes) {
    return StrictUtf8.decode(bytes, () -> new SwarmFormatException("reason", "not valid UTF-8"));
  }
}
