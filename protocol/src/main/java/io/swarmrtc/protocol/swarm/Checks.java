package io.swarmrtc.protocol.swarm;

/** Field checks shared by the message records. */
final class Checks {
  private Checks() {}

  static void nonNegative(int value, String field) {
    if (value < 0) {
      throw new SwarmFormatException(field, "must be below 2^31, got " + Integer.toUnsignedString(value));
    }
  }

  static void range(int value, int min, int max, String field) {
    if (value < min || value > max) {
      throw new SwarmFormatException(field, "must be " + min + " to " + max + ", got " + Integer.toUnsignedString(value));
    }
  }

  static void block(int piece, int offset, int length) {
    nonNegative(piece, "piece");
    nonNegative(offset, "offset");
    if (length <= 0 || length > SwarmMessage.MAX_BLOCK_LENGTH) {
      throw new SwarmFormatException("length", "block length must be 1 to 65536, got " + Integer.toUnsignedString(length));
    }
  }
}
