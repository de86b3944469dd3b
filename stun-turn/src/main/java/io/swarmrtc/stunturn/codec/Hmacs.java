package io.swarmrtc.stunturn.codec;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC helpers for the integrity attributes; the copied header length is patched by callers. */
final class Hmacs {
  private static final ThreadLocal<Mac> SHA1 = ThreadLocal.withInitial(() -> mac("HmacSHA1"));
  private static final ThreadLocal<Mac> SHA256 = ThreadLocal.withInitial(() -> mac("HmacSHA256"));

  private Hmacs() {}

  private static Mac mac(String algorithm) {
    try {
      return Mac.getInstance(algorithm);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " missing from the JDK", e);
    }
  }

  static byte[] sha1(byte[] key, byte[] b, int off, int len) {
    return run(SHA1.get(), "HmacSHA1", key, b, off, len);
  }

  static byte[] sha256(byte[] key, byte[] b, int off, int len) {
    return run(SHA256.get(), "HmacSHA256", key, b, off, len);
  }

  private static byte[] run(Mac mac, String alg, byte[] key, byte[] b, int off, int len) {
    try {
      mac.init(new SecretKeySpec(key, alg));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("unusable key", e);
    }
    mac.update(b, off, len);
    return mac.doFinal();
  }
}
