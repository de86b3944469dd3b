package io.swarmrtc.stunturn.codec;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC helpers for the integrity attributes; the copied header length is patched by callers. */
final class Hmacs {
  /** A Mac and the key it was last initialised with (init is the expensive part). */
  private static final class Keyed {
    final Mac mac;
    byte[] key;

    Keyed(Mac mac) {
      this.mac = mac;
    }
  }

  private static final ThreadLocal<Keyed> SHA1 =
      ThreadLocal.withInitial(() -> new Keyed(mac("HmacSHA1")));
  private static final ThreadLocal<Keyed> SHA256 =
      ThreadLocal.withInitial(() -> new Keyed(mac("HmacSHA256")));

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

  private static byte[] run(Keyed k, String alg, byte[] key, byte[] b, int off, int len) {
    if (k.key == null || !java.util.Arrays.equals(k.key, key)) {
      try {
        k.mac.init(new SecretKeySpec(key, alg));
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("unusable key", e);
      }
      k.key = key.clone();
    }
    k.mac.update(b, off, len);
    return k.mac.doFinal(); // doFinal resets the Mac, keeping its key
  }
}
