package io.swarmrtc.protocol.manifest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical binary form of a {@link Manifest} (docs/swarm-protocol.md, "Manifest"). Decoding is
 * total and bounded: every length is checked before it is read or allocated, and the only exception
 * is {@link ManifestFormatException} naming the field.
 *
 * <pre>{@code
 * byte[] bytes = ManifestCodec.encode(manifest);
 * Manifest back = ManifestCodec.decode(bytes);   // back.equals(manifest)
 * }</pre>
 */
public final class ManifestCodec {
  /** ASCII "SWMF". */
  static final int MAGIC = 0x53574D46;
  public static final int VERSION = 1;
  /** Largest manifest a peer accepts (the MANIFEST_DATA totalLength cap). */
  public static final int MAX_ENCODED_LENGTH = 64 * 1024 * 1024;

  private ManifestCodec() {}

  /** The canonical bytes (a fresh copy). */
  public static byte[] encode(Manifest manifest) {
    return manifest.toBytes();
  }

  /** Decodes exactly {@code bytes}: trailing bytes are an error. */
  public static Manifest decode(byte[] bytes) {
    return decode(ByteBuffer.wrap(bytes));
  }

  /** Decodes the remaining bytes of {@code in} (its position is left unchanged). */
  public static Manifest decode(ByteBuffer in) {
    ByteBuffer b = in.duplicate();
    if (b.remaining() > MAX_ENCODED_LENGTH) {
      throw new ManifestFormatException("length", "manifest over 64 MiB");
    }
    need(b, 4, "magic");
    if (b.getInt() != MAGIC) {
      throw new ManifestFormatException("magic", "not SWMF");
    }
    need(b, 1, "version");
    int version = b.get() & 0xff;
    if (version != VERSION) {
      throw new ManifestFormatException("version", "unsupported version " + version);
    }
    need(b, 4, "pieceSize");
    long pieceSize = b.getInt() & 0xffffffffL;
    Manifest.checkPieceSize(pieceSize);
    need(b, 2, "nameLength");
    int nameLength = b.getShort() & 0xffff;
    if (nameLength > Manifest.MAX_NAME_BYTES) {
      throw new ManifestFormatException("nameLength", "over 255: " + nameLength);
    }
    String name = utf8(b, nameLength, "name");
    need(b, 4, "fileCount");
    long fileCount = b.getInt() & 0xffffffffL;
    if (fileCount < 1 || fileCount > Manifest.MAX_FILES) {
      throw new ManifestFormatException("fileCount", "must be 1 to 10000, got " + fileCount);
    }
    List<FileEntry> files = new ArrayList<>((int) fileCount);
    for (int i = 0; i < fileCount; i++) {
      need(b, 2, "pathLength");
      int pathLength = b.getShort() & 0xffff;
      if (pathLength < 1 || pathLength > Manifest.MAX_PATH_BYTES) {
        throw new ManifestFormatException("pathLength", "must be 1 to 1024, got " + pathLength);
      }
      String path = utf8(b, pathLength, "path");
      need(b, 8, "size");
      long size = b.getLong();
      if (size < 0 || size > Manifest.MAX_TOTAL_SIZE) {
        throw new ManifestFormatException("size", "over 2^53-1");
      }
      files.add(new FileEntry(path, size));
    }
    need(b, 4, "pieceCount");
    long pieceCount = b.getInt() & 0xffffffffL;
    if (pieceCount > Manifest.MAX_PIECES) {
      throw new ManifestFormatException("pieceCount", pieceCount + " pieces, more than a BITFIELD can carry");
    }
    if (pieceCount * Sha256.LENGTH > b.remaining()) {
      throw new ManifestFormatException("pieces", "truncated: " + pieceCount + " hashes announced");
    }
    byte[] hashes = new byte[(int) pieceCount * Sha256.LENGTH];
    b.get(hashes);
    if (b.hasRemaining()) {
      throw new ManifestFormatException("trailing", b.remaining() + " bytes after the last hash");
    }
    return Manifest.ofOwnedHashes(name, files, (int) pieceSize, hashes);
  }

  private static void need(ByteBuffer b, int n, String field) {
    if (b.remaining() < n) {
      throw new ManifestFormatException(field, "truncated");
    }
  }

  private static String utf8(ByteBuffer b, int length, String field) {
    need(b, length, field);
    ByteBuffer slice = b.slice();
    slice.limit(length);
    b.position(b.position() + length);
    return Utf8.decode(slice, field);
  }

  /** Writes the canonical bytes; the caller has validated everything. */
  static byte[] encodeCanonical(byte[] name, List<FileEntry> files, int pieceSize, byte[] hashes) {
    List<byte[]> paths = new ArrayList<>(files.size());
    int length = 4 + 1 + 4 + 2 + name.length + 4 + 4 + hashes.length;
    for (FileEntry f : files) {
      byte[] p = f.path().getBytes(StandardCharsets.UTF_8); // already checked to be valid Unicode
      paths.add(p);
      length += 2 + p.length + 8;
    }
    ByteBuffer out = ByteBuffer.allocate(length);
    out.putInt(MAGIC).put((byte) VERSION).putInt(pieceSize);
    out.putShort((short) name.length).put(name);
    out.putInt(files.size());
    for (int i = 0; i < files.size(); i++) {
      byte[] p = paths.get(i);
      out.putShort((short) p.length).put(p).putLong(files.get(i).size());
    }
    out.putInt(hashes.length / Sha256.LENGTH).put(hashes);
    return out.array();
  }
}
