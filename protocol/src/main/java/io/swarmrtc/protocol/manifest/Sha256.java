package io.swarmrtc.protocol.manifest;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 without checked exceptions (every Java platform must provide it). */
public final class Sha256 {
  /** Digest length in bytes. */
  public static final int LENGTH = 32;

  private Sha256() {}

  /** A fresh digest; not thread-safe, like every {@link MessageDigest}. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the platform lacks SHA-256", e);
    }
  }

  public static byte[] digest(byte[] data, int offset, int length) {
    MessageDigest md = newDigest();
    md.update(data, offset, length);
    return md.digest();
  }

  public static byte[] digest(byte[] data) {
    return digest(data, 0, data.length);
  }

  /** Digests the remaining bytes of {@code data} without moving its position. */
  public static byte[] digest(ByteBuffer data) {
    MessageDigest md = newDigest();
    md.update(data.duplicate());
    return md.digest();
  }
}
