package io.swarmrtc.peer.internal.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The files of a share concatenated in order and cut into pieces (docs/swarm-protocol.md,
 * "Manifest"): maps piece ranges onto file ranges. A piece may span several files; empty files
 * hold no bytes. Pure and immutable.
 */
public final class ContentLayout {
  private final List<StoredFile> files;
  private final int pieceSize;
  private final long[] starts; // content offset where each file begins
  private final long totalSize;
  private final int pieceCount;

  public ContentLayout(List<StoredFile> files, int pieceSize) {
    if (pieceSize <= 0) {
      throw new IllegalArgumentException("pieceSize must be positive");
    }
    this.files = List.copyOf(files);
    this.pieceSize = pieceSize;
    this.starts = new long[this.files.size()];
    long offset = 0;
    for (int i = 0; i < this.files.size(); i++) {
      starts[i] = offset;
      offset = Math.addExact(offset, this.files.get(i).size());
    }
    this.totalSize = offset;
    long pieces = (totalSize + pieceSize - 1) / pieceSize;
    if (pieces > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("too many pieces");
    }
    this.pieceCount = (int) pieces;
  }

  public List<StoredFile> files() {
    return files;
  }

  public int pieceSize() {
    return pieceSize;
  }

  public int pieceCount() {
    return pieceCount;
  }

  public long totalSize() {
    return totalSize;
  }

  /** Length of piece {@code piece}: {@code pieceSize}, except possibly the last. */
  public int pieceLength(int piece) {
    checkPiece(piece);
    long start = (long) piece * pieceSize;
    return (int) Math.min(pieceSize, totalSize - start);
  }

  /** The file ranges holding {@code length} bytes at {@code offset} inside piece {@code piece}. */
  public List<FileSpan> spans(int piece, int offset, int length) {
    checkPiece(piece);
    if (offset < 0 || length < 0 || (long) offset + length > pieceLength(piece)) {
      throw new IndexOutOfBoundsException("block " + offset + "+" + length + " outside piece " + piece);
    }
    long position = (long) piece * pieceSize + offset;
    List<FileSpan> out = new ArrayList<>();
    int file = fileAt(position);
    int remaining = length;
    while (remaining > 0) {
      long inFile = position - starts[file];
      long available = files.get(file).size() - inFile;
      if (available <= 0) {
        file++;
        continue;
      }
      int take = (int) Math.min(remaining, available);
      out.add(new FileSpan(file, inFile, take));
      position += take;
      remaining -= take;
      file++;
    }
    return out;
  }

  /** Indexes of the files that hold bytes of {@code piece}. */
  public List<Integer> filesOf(int piece) {
    return spans(piece, 0, pieceLength(piece)).stream().map(FileSpan::fileIndex).toList();
  }

  private int fileAt(long position) {
    int i = Arrays.binarySearch(starts, position);
    if (i < 0) {
      i = -i - 2;
    }
    // Several files may start at the same offset (empty files): take the first non-empty one.
    while (i > 0 && starts[i - 1] == starts[i]) {
      i--;
    }
    return Math.max(i, 0);
  }

  private void checkPiece(int piece) {
    if (piece < 0 || piece >= pieceCount) {
      throw new IndexOutOfBoundsException("piece " + piece + " of " + pieceCount);
    }
  }
}
