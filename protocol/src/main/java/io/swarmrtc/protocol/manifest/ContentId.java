package io.swarmrtc.protocol.manifest;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Names a share: the SHA-256 of a manifest's canonical bytes, written as 64 lowercase hex
 * characters. Immutable.
 *
 * <pre>{@code
 * ContentId id = manifest.contentId();
 * ContentId same = ContentId.fromHex(id.hex());
 * }</pre>
 */
public final class ContentId {
  /** Length in bytes. */
  public static final int LENGTH = Sha256.LENGTH;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final byte[] bytes;

  private ContentId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The content id of a manifest's canonical bytes. */
  public static ContentId ofCanonicalBytes(byte[] canonicalManifest) {
    return new ContentId(Sha256.digest(canonicalManifest));
  }

  /** Wraps a copy of exactly 32 bytes. */
  public static ContentId ofBytes(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new ManifestFormatException("contentId", "must be 32 bytes, got " + bytes.length);
    }
    return new ContentId(bytes.clone());
  }

  /** Reads 32 bytes from {@code in}, advancing it; the caller checks there are enough. */
  public static ContentId read(ByteBuffer in) {
    byte[] b = new byte[LENGTH];
    in.get(b);
    return new ContentId(b);
  }

  /** Parses 64 lowercase hex characters. */
  public static ContentId fromHex(String hex) {
    if (hex == null || hex.length() != 2 * LENGTH) {
      throw new ManifestFormatException("contentId", "must be 64 lowercase hex characters");
    }
    byte[] b = new byte[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      b[i] = (byte) (nibble(hex.charAt(2 * i)) << 4 | nibble(hex.charAt(2 * i + 1)));
    }
    return new ContentId(b);
  }

  private static int nibble(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    throw new ManifestFormatException("contentId", "must be 64 lowercase hex characters");
  }

  /** A copy of the 32 bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Writes the 32 bytes into {@code out}, advancing it. */
  public void writeTo(ByteBuffer out) {
    out.put(bytes);
  }

  /** 64 lowercase hex characters. */
  public String hex() {
    char[] c = new char[2 * LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      c[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      c[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(c);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContentId other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
