package io.swarmrtc.swarm;

import io.swarmrtc.protocol.manifest.Sha256;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of one piece as its blocks arrived, in order, without copying them into one array: each
 * block is (a slice of) the buffer its PIECE message came in. Immutable once the piece is complete.
 *
 * <pre>{@code
 * for (ByteBuffer block : piece.blocks()) channel.write(block, at + written);   // store it
 * piece.copyTo(offset, dest, 0, length);                                      // serve a block
 * }</pre>
 */
public final class PieceData {
  private final ByteBuffer[] blocks;
  private final int[] offsets;
  private final int length;

  PieceData(ByteBuffer[] blocks, int[] offsets, int length) {
    this.blocks = blocks;
    this.offsets = offsets;
    this.length = length;
  }

  /** A piece held in one array (tests, callers with the whole piece at hand). */
  public static PieceData of(byte[] piece) {
    return new PieceData(new ByteBuffer[] {ByteBuffer.wrap(piece)}, new int[] {0}, piece.length);
  }

  public int length() {
    return length;
  }

  /** The blocks in order, each a read-only view from position 0 to its length. */
  public List<ByteBuffer> blocks() {
    List<ByteBuffer> out = new ArrayList<>(blocks.length);
    for (ByteBuffer b : blocks) {
      out.add(b.asReadOnlyBuffer());
    }
    return out;
  }

  /** Copies bytes {@code [offset, offset + n)} of the piece into {@code dest}. */
  public void copyTo(int offset, byte[] dest, int destOffset, int n) {
    check(offset, n);
    int i = blockAt(offset);
    while (n > 0) {
      int in = offset - offsets[i];
      int take = Math.min(n, blocks[i].limit() - in);
      blocks[i].get(in, dest, destOffset, take);
      offset += take;
      destOffset += take;
      n -= take;
      i++;
    }
  }

  /** The whole piece in a fresh array. */
  public byte[] toByteArray() {
    byte[] out = new byte[length];
    copyTo(0, out, 0, length);
    return out;
  }

  /** SHA-256 of the whole piece. */
  public byte[] sha256() {
    return sha256(0, length);
  }

  /** SHA-256 of bytes {@code [offset, offset + n)}. */
  public byte[] sha256(int offset, int n) {
    check(offset, n);
    MessageDigest d = Sha256.newDigest();
    if (n > 0) {
      int i = blockAt(offset);
      while (n > 0) {
        int in = offset - offsets[i];
        int take = Math.min(n, blocks[i].limit() - in);
        d.update(blocks[i].duplicate().position(in).limit(in + take));
        offset += take;
        n -= take;
        i++;
      }
    }
    return d.digest();
  }

  private int blockAt(int offset) {
    int lo = 0;
    int hi = blocks.length - 1;
    while (lo < hi) { // the last block starting at or before offset
      int mid = (lo + hi + 1) >>> 1;
      if (offsets[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  private void check(int offset, int n) {
    if (offset < 0 || n < 0 || (long) offset + n > length) {
      throw new IndexOutOfBoundsException("bytes " + offset + "+" + n + " of a piece of " + length);
    }
  }
}
