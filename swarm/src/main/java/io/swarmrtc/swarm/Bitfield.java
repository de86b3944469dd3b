package io.swarmrtc.swarm;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A fixed-size set of piece indexes, with the wire layout of BITFIELD: piece i is bit (7 - i % 8) of
 * byte i / 8, spare bits zero. Mutable; not thread-safe.
 */
public final class Bitfield {
  private final int size;
  private final byte[] bits;
  private int cardinality;

  public Bitfield(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("size " + size);
    }
    this.size = size;
    this.bits = new byte[(size + 7) / 8];
  }

  /** A bitfield with every piece set. */
  public static Bitfield full(int size) {
    Bitfield b = new Bitfield(size);
    for (int i = 0; i < size; i++) {
      b.set(i);
    }
    return b;
  }

  /**
   * Parses a BITFIELD payload for a manifest of {@code size} pieces.
   *
   * @throws IllegalArgumentException if the length is not ceil(size / 8) or a spare bit is set
   */
  public static Bitfield fromWire(ByteBuffer wire, int size) {
    Bitfield b = new Bitfield(size);
    if (wire.remaining() != b.bits.length) {
      throw new IllegalArgumentException("bitfield of " + wire.remaining() + " bytes for " + size + " pieces");
    }
    wire.duplicate().get(b.bits);
    if (size % 8 != 0 && (b.bits[b.bits.length - 1] & (0xff >> (size % 8))) != 0) {
      throw new IllegalArgumentException("spare bits set");
    }
    for (byte x : b.bits) {
      b.cardinality += Integer.bitCount(x & 0xff);
    }
    return b;
  }

  /** The wire layout (a fresh copy). */
  public byte[] toWire() {
    return bits.clone();
  }

  public int size() {
    return size;
  }

  public boolean get(int i) {
    check(i);
    return (bits[i >> 3] & (0x80 >> (i & 7))) != 0;
  }

  /** Sets piece {@code i}; returns whether it was clear before. */
  public boolean set(int i) {
    if (get(i)) {
      return false;
    }
    bits[i >> 3] |= (byte) (0x80 >> (i & 7));
    cardinality++;
    return true;
  }

  /** Clears piece {@code i}; returns whether it was set before. */
  public boolean clear(int i) {
    if (!get(i)) {
      return false;
    }
    bits[i >> 3] &= (byte) ~(0x80 >> (i & 7));
    cardinality--;
    return true;
  }

  /** Number of pieces set. */
  public int cardinality() {
    return cardinality;
  }

  public boolean isComplete() {
    return cardinality == size;
  }

  public Bitfield copy() {
    Bitfield b = new Bitfield(size);
    System.arraycopy(bits, 0, b.bits, 0, bits.length);
    b.cardinality = cardinality;
    return b;
  }

  private void check(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("piece " + i + " of " + size);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bitfield b && b.size == size && Arrays.equals(b.bits, bits);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bits) * 31 + size;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(size);
    for (int i = 0; i < size; i++) {
      s.append(get(i) ? '1' : '0');
    }
    return s.toString();
  }
}
