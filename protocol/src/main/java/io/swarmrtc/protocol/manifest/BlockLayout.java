package io.swarmrtc.protocol.manifest;

/**
 * How a piece splits into blocks: all {@code blockSize} bytes long except a shorter last one.
 *
 * @param pieceLength bytes in the piece
 * @param blockSize 1 to {@link #MAX_BLOCK_SIZE}
 */
public record BlockLayout(int pieceLength, int blockSize) {
  /** The recommended and largest block size (64 KiB). */
  public static final int MAX_BLOCK_SIZE = 65_536;
  /** The recommended block size. */
  public static final int DEFAULT_BLOCK_SIZE = MAX_BLOCK_SIZE;

  public BlockLayout {
    if (blockSize <= 0 || blockSize > MAX_BLOCK_SIZE) {
      throw new IllegalArgumentException("blockSize must be 1 to 65536, got " + blockSize);
    }
    if (pieceLength <= 0) {
      throw new IllegalArgumentException("pieceLength must be positive, got " + pieceLength);
    }
  }

  public int count() {
    return (pieceLength + blockSize - 1) / blockSize;
  }

  public int offset(int block) {
    return block * blockSize;
  }

  public int length(int block) {
    return Math.min(blockSize, pieceLength - block * blockSize);
  }

  /** The index of the block starting at {@code offset}, or -1 if no block starts there. */
  public int indexOf(int offset) {
    return offset >= 0 && offset < pieceLength && offset % blockSize == 0 ? offset / blockSize : -1;
  }
}
