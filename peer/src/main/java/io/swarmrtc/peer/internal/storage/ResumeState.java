package io.swarmrtc.peer.internal.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The sidecar file that remembers which pieces are verified, so a restarted download continues.
 *
 * <p>Format (big-endian): magic {@code SWST} (4), version 1 (1), fingerprint of layout and piece
 * hashes (32), pieceCount (4), bitfield (ceil(pieceCount / 8), piece i = bit 7 - i % 8 of byte
 * i / 8), CRC-32 of everything before (4). Written atomically: temp file, fsync, atomic rename,
 * fsync of the directory. A file that fails any check is ignored (the download starts over).
 */
public final class ResumeState {
  private static final byte[] MAGIC = {'S', 'W', 'S', 'T'};
  private static final int VERSION = 1;

  private ResumeState() {}

  /** Identifies the content: piece size, file paths and sizes, and every piece hash. */
  public static byte[] fingerprint(ContentLayout layout, List<byte[]> pieceHashes) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(ByteBuffer.allocate(8).putInt(layout.pieceSize()).putInt(layout.files().size()).array());
      for (StoredFile f : layout.files()) {
        byte[] p = f.path().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        d.update(ByteBuffer.allocate(12).putInt(p.length).putLong(f.size()).array());
        d.update(p);
      }
      pieceHashes.forEach(d::update);
      return d.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the state atomically; the old file stays intact until the new one is complete. */
  public static void save(Path file, byte[] fingerprint, int pieceCount, BitSet verified) throws IOException {
    byte[] bits = new byte[(pieceCount + 7) / 8];
    for (int i = verified.nextSetBit(0); i >= 0 && i < pieceCount; i = verified.nextSetBit(i + 1)) {
      bits[i / 8] |= (byte) (0x80 >>> (i % 8));
    }
    ByteBuffer b = ByteBuffer.allocate(4 + 1 + 32 + 4 + bits.length + 4);
    b.put(MAGIC).put((byte) VERSION).put(fingerprint).putInt(pieceCount).put(bits);
    CRC32 crc = new CRC32();
    crc.update(b.array(), 0, b.position());
    b.putInt((int) crc.getValue());
    b.flip();
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(file.getParent());
  }

  /** The verified pieces recorded for this content, or empty if absent, damaged or for other content. */
  public static Optional<BitSet> load(Path file, byte[] fingerprint, int pieceCount) throws IOException {
    byte[] data;
    try {
      if (Files.size(file) > 64 + (pieceCount + 7) / 8) {
        return Optional.empty();
      }
      data = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    int bitsLength = (pieceCount + 7) / 8;
    if (data.length != 4 + 1 + 32 + 4 + bitsLength + 4) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(data);
    byte[] magic = new byte[4];
    byte[] print = new byte[32];
    b.get(magic);
    int version = b.get();
    b.get(print);
    int count = b.getInt();
    byte[] bits = new byte[bitsLength];
    b.get(bits);
    int storedCrc = b.getInt();
    CRC32 crc = new CRC32();
    crc.update(data, 0, data.length - 4);
    if (!Arrays.equals(magic, MAGIC) || version != VERSION || !Arrays.equals(print, fingerprint)
        || count != pieceCount || storedCrc != (int) crc.getValue()) {
      return Optional.empty();
    }
    BitSet verified = new BitSet(pieceCount);
    for (int i = 0; i < pieceCount; i++) {
      if ((bits[i / 8] & (0x80 >>> (i % 8))) != 0) {
        verified.set(i);
      }
    }
    return Optional.of(verified);
  }

  /** Makes a rename durable (Linux: fsync the directory; a no-op where unsupported). */
  static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not supported on every platform; the rename itself is still atomic.
    }
  }
}
