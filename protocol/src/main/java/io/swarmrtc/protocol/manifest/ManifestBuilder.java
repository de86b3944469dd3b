package io.swarmrtc.protocol.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Hashes files into a {@link Manifest}. Files are read once, in order, as one stream cut into pieces.
 *
 * <pre>{@code
 * Manifest m = new ManifestBuilder("Holiday")
 *     .addFile("img/1.jpg", Path.of("/home/me/1.jpg"))
 *     .addFile("notes.txt", 5, () -> new ByteArrayInputStream("hello".getBytes()))
 *     .build();
 * }</pre>
 *
 * Not thread-safe; build once.
 */
public final class ManifestBuilder {
  /** Opens a file's content; called once by {@link #build()}, which closes the stream. */
  @FunctionalInterface
  public interface Source {
    InputStream open() throws IOException;
  }

  private record Input(FileEntry entry, Source source) {}

  static final int MIN_DEFAULT_PIECE_SIZE = 256 * 1024;
  static final int MAX_DEFAULT_PIECES = 2048;

  private final String name;
  private final List<Input> inputs = new ArrayList<>();
  private int pieceSize; // 0 = default rule

  public ManifestBuilder(String name) {
    this.name = name;
  }

  /**
   * The default piece size for {@code totalSize} bytes: the smallest power of two >= 256 KiB that
   * keeps the piece count <= 2048, capped at 16 MiB (content over 32 GiB then has more pieces).
   */
  public static int defaultPieceSize(long totalSize) {
    long size = MIN_DEFAULT_PIECE_SIZE;
    while (size < Manifest.MAX_PIECE_SIZE && (totalSize + size - 1) / size > MAX_DEFAULT_PIECES) {
      size <<= 1;
    }
    return (int) size;
  }

  /** Overrides the default piece size rule. */
  public ManifestBuilder pieceSize(int pieceSize) {
    Manifest.checkPieceSize(pieceSize);
    this.pieceSize = pieceSize;
    return this;
  }

  /** Adds a file whose content {@code source} yields exactly {@code size} bytes. */
  public ManifestBuilder addFile(String path, long size, Source source) {
    inputs.add(new Input(new FileEntry(path, size), source));
    return this;
  }

  /** Adds a file from disk; its size is taken now and must not change before {@link #build()}. */
  public ManifestBuilder addFile(String path, Path file) throws IOException {
    return addFile(path, Files.size(file), () -> Files.newInputStream(file));
  }

  /**
   * Reads every source and hashes the pieces.
   *
   * @throws IOException if a source fails or yields more or fewer bytes than declared
   * @throws ManifestFormatException if the files break a protocol rule
   */
  public Manifest build() throws IOException {
    List<FileEntry> files = new ArrayList<>(inputs.size());
    long total = 0;
    for (Input in : inputs) {
      files.add(in.entry());
      total += in.entry().size();
    }
    if (total > Manifest.MAX_TOTAL_SIZE || total < 0) {
      throw new ManifestFormatException("totalSize", "over 2^53-1 bytes");
    }
    int size = pieceSize != 0 ? pieceSize : defaultPieceSize(total);
    long pieces = (total + size - 1) / size;
    if (pieces > Manifest.MAX_PIECES) {
      throw new ManifestFormatException("pieceCount", "too many pieces; use a larger piece size");
    }
    byte[] hashes = new byte[(int) pieces * Sha256.LENGTH];
    byte[] piece = new byte[(int) Math.min(size, Math.max(total, 1))];
    int filled = 0;
    int done = 0;
    MessageDigest md = Sha256.newDigest();
    for (Input in : inputs) {
      long remaining = in.entry().size();
      try (InputStream s = in.source().open()) {
        while (remaining > 0) {
          int want = (int) Math.min(piece.length - filled, remaining);
          int n = s.read(piece, filled, want);
          if (n < 0) {
            throw new IOException(in.entry().path() + " is shorter than its declared " + in.entry().size() + " bytes");
          }
          filled += n;
          remaining -= n;
          if (filled == piece.length) {
            done = hashPiece(md, piece, filled, hashes, done);
            filled = 0;
          }
        }
        if (s.read() >= 0) {
          throw new IOException(in.entry().path() + " is longer than its declared " + in.entry().size() + " bytes");
        }
      }
    }
    if (filled > 0) {
      done = hashPiece(md, piece, filled, hashes, done);
    }
    return Manifest.ofOwnedHashes(name, files, size, hashes);
  }

  private static int hashPiece(MessageDigest md, byte[] piece, int length, byte[] hashes, int index) {
    md.update(piece, 0, length);
    byte[] h = md.digest();
    System.arraycopy(h, 0, hashes, index * Sha256.LENGTH, Sha256.LENGTH);
    return index + 1;
  }
}
