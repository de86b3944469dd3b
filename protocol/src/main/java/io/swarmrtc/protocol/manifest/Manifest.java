package io.swarmrtc.protocol.manifest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Describes shared content (docs/swarm-protocol.md, "Manifest"): a display name, files in order,
 * the piece size and the SHA-256 of every piece. Immutable; every instance satisfies all rules of
 * the protocol, whether it was built ({@link ManifestBuilder}, {@link #of}) or decoded
 * ({@link ManifestCodec#decode}).
 *
 * <p>The files are concatenated into one byte stream cut into pieces of {@link #pieceSize()} bytes;
 * the last piece may be shorter and a piece may span files. Geometry helpers answer where a piece
 * lies ({@link #pieceOffset}, {@link #pieceLength}, {@link #fileSlices}) and how it splits into
 * blocks ({@link #blocks}).
 *
 * <pre>{@code
 * Manifest m = ManifestCodec.decode(bytes);
 * for (FileSlice s : m.fileSlices(7)) { write(m.files().get(s.fileIndex()), s.fileOffset(), ...); }
 * }</pre>
 */
public final class Manifest {
  public static final int MIN_PIECE_SIZE = 16 * 1024;
  public static final int MAX_PIECE_SIZE = 16 * 1024 * 1024;
  public static final int MAX_NAME_BYTES = 255;
  public static final int MAX_FILES = 10_000;
  public static final int MAX_PATH_BYTES = 1024;
  public static final long MAX_TOTAL_SIZE = (1L << 53) - 1;
  /** Most pieces a manifest may have: a BITFIELD of them must fit one 256 KiB message. */
  public static final int MAX_PIECES = 8 * (262_144 - 1);

  private final String name;
  private final List<FileEntry> files;
  private final int pieceSize;
  private final int pieceCount;
  private final byte[] hashes; // pieceCount * 32 bytes, never exposed
  private final long totalSize;
  private final long[] fileStarts; // byte offset of each file in the stream
  private final byte[] canonical;
  private final ContentId contentId;

  private Manifest(String name, List<FileEntry> files, int pieceSize, byte[] hashes) {
    if (name == null) {
      throw new ManifestFormatException("name", "is null");
    }
    byte[] nameBytes = Utf8.encode(name, "name");
    if (nameBytes.length > MAX_NAME_BYTES) {
      throw new ManifestFormatException("name", "longer than 255 bytes");
    }
    checkPieceSize(pieceSize);
    if (files.isEmpty() || files.size() > MAX_FILES) {
      throw new ManifestFormatException("fileCount", "must be 1 to 10000, got " + files.size());
    }
    this.fileStarts = new long[files.size()];
    Set<String> seen = new HashSet<>();
    long total = 0;
    for (int i = 0; i < files.size(); i++) {
      FileEntry f = files.get(i);
      if (!seen.add(f.path())) {
        throw new ManifestFormatException("path", "duplicate path " + f.path());
      }
      fileStarts[i] = total;
      total += f.size();
      if (total > MAX_TOTAL_SIZE) {
        throw new ManifestFormatException("totalSize", "over 2^53-1 bytes");
      }
    }
    long expectedPieces = (total + pieceSize - 1) / pieceSize;
    if (expectedPieces > MAX_PIECES) {
      throw new ManifestFormatException("pieceCount", expectedPieces + " pieces, more than a BITFIELD can carry");
    }
    if (hashes.length % Sha256.LENGTH != 0 || hashes.length / Sha256.LENGTH != expectedPieces) {
      throw new ManifestFormatException("pieceCount",
          "must be " + expectedPieces + " for " + total + " bytes, got " + hashes.length / Sha256.LENGTH);
    }
    this.name = name;
    this.files = List.copyOf(files);
    this.pieceSize = pieceSize;
    this.pieceCount = (int) expectedPieces;
    this.hashes = hashes;
    this.totalSize = total;
    this.canonical = ManifestCodec.encodeCanonical(nameBytes, this.files, pieceSize, hashes);
    this.contentId = ContentId.ofCanonicalBytes(canonical);
  }

  /**
   * A manifest from its parts; validates every protocol rule.
   *
   * @param pieceHashes one 32-byte SHA-256 per piece
   * @throws ManifestFormatException naming the field that breaks a rule
   */
  public static Manifest of(String name, List<FileEntry> files, int pieceSize, List<byte[]> pieceHashes) {
    byte[] all = new byte[pieceHashes.size() * Sha256.LENGTH];
    for (int i = 0; i < pieceHashes.size(); i++) {
      byte[] h = pieceHashes.get(i);
      if (h.length != Sha256.LENGTH) {
        throw new ManifestFormatException("pieces", "hash " + i + " is not 32 bytes");
      }
      System.arraycopy(h, 0, all, i * Sha256.LENGTH, Sha256.LENGTH);
    }
    return new Manifest(name, files, pieceSize, all);
  }

  /** Takes ownership of {@code concatenatedHashes} (no copy): for the decoder and the builder. */
  static Manifest ofOwnedHashes(String name, List<FileEntry> files, int pieceSize, byte[] concatenatedHashes) {
    return new Manifest(name, files, pieceSize, concatenatedHashes);
  }

  static void checkPieceSize(long pieceSize) {
    if (pieceSize < MIN_PIECE_SIZE || pieceSize > MAX_PIECE_SIZE || Long.bitCount(pieceSize) != 1) {
      throw new ManifestFormatException("pieceSize", "must be a power of two from 16 KiB to 16 MiB, got " + pieceSize);
    }
  }

  public String name() {
    return name;
  }

  /** The files in stream order (unmodifiable). */
  public List<FileEntry> files() {
    return files;
  }

  public int pieceSize() {
    return pieceSize;
  }

  public int pieceCount() {
    return pieceCount;
  }

  /** Sum of all file sizes. */
  public long totalSize() {
    return totalSize;
  }

  /** A copy of the SHA-256 of piece {@code piece}. */
  public byte[] pieceHash(int piece) {
    checkPiece(piece);
    return Arrays.copyOfRange(hashes, piece * Sha256.LENGTH, (piece + 1) * Sha256.LENGTH);
  }

  /** Whether {@code digest} equals the SHA-256 of piece {@code piece}, in constant time, without copying. */
  public boolean pieceHashEquals(int piece, byte[] digest) {
    checkPiece(piece);
    if (digest.length != Sha256.LENGTH) {
      return false;
    }
    int diff = 0;
    int base = piece * Sha256.LENGTH;
    for (int i = 0; i < Sha256.LENGTH; i++) {
      diff |= hashes[base + i] ^ digest[i];
    }
    return diff == 0;
  }

  /** Where piece {@code piece} starts in the concatenated stream. */
  public long pieceOffset(int piece) {
    checkPiece(piece);
    return (long) piece * pieceSize;
  }

  /** Length of piece {@code piece}: {@link #pieceSize()} except for a shorter last piece. */
  public int pieceLength(int piece) {
    long start = pieceOffset(piece);
    return (int) Math.min(pieceSize, totalSize - start);
  }

  /** How piece {@code piece} splits into blocks of at most {@code blockSize} bytes. */
  public BlockLayout blocks(int piece, int blockSize) {
    return new BlockLayout(pieceLength(piece), blockSize);
  }

  /** Byte offset of file {@code fileIndex} in the concatenated stream. */
  public long fileOffset(int fileIndex) {
    return fileStarts[fileIndex];
  }

  /**
   * The file byte ranges that make up piece {@code piece}, in order. Empty files never appear.
   * Their lengths add up to {@link #pieceLength(int)}.
   */
  public List<FileSlice> fileSlices(int piece) {
    long start = pieceOffset(piece);
    long end = start + pieceLength(piece);
    int i = Arrays.binarySearch(fileStarts, start);
    if (i < 0) {
      i = -i - 2; // the file that starts before 'start'
    }
    // binarySearch may land on any of several files starting at 'start' (empty files): go to the first.
    while (i > 0 && fileStarts[i - 1] == start) {
      i--;
    }
    List<FileSlice> slices = new ArrayList<>(2);
    for (long pos = start; pos < end && i < files.size(); i++) {
      long fileEnd = fileStarts[i] + files.get(i).size();
      if (fileEnd <= pos) {
        continue; // empty file or one that ends exactly here
      }
      int len = (int) (Math.min(fileEnd, end) - pos);
      slices.add(new FileSlice(i, pos - fileStarts[i], (int) (pos - start), len));
      pos += len;
    }
    return slices;
  }

  /** A copy of the canonical bytes (the encoding whose SHA-256 is the content id). */
  public byte[] toBytes() {
    return canonical.clone();
  }

  /** Length of the canonical bytes. */
  public int encodedLength() {
    return canonical.length;
  }

  public ContentId contentId() {
    return contentId;
  }

  private void checkPiece(int piece) {
    if (piece < 0 || piece >= pieceCount) {
      throw new IndexOutOfBoundsException("piece " + piece + " of " + pieceCount);
    }
  }

  /** Equal manifests have equal canonical bytes (and so the same content id). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Manifest m && Arrays.equals(canonical, m.canonical);
  }

  @Override
  public int hashCode() {
    return contentId.hashCode();
  }

  @Override
  public String toString() {
    return "Manifest[" + name + ", " + files.size() + " files, " + totalSize + " bytes, "
        + pieceCount + " x " + pieceSize + ", " + contentId + "]";
  }
}
