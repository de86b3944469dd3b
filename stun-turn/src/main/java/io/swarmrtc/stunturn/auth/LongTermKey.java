package io.swarmrtc.stunturn.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The long-term credential key of RFC 8489 §9.2.2: MD5(username ":" realm ":" password), used
 * for both MESSAGE-INTEGRITY and MESSAGE-INTEGRITY-SHA256 when no PASSWORD-ALGORITHM is chosen.
 * (The OpaqueString profile of SASLprep is the identity for the ASCII credentials we issue.)
 */
public final class LongTermKey {
  private LongTermKey() {}

  public static byte[] md5(String username, String realm, String password) {
    try {
      return MessageDigest.getInstance("MD5").digest(
          (username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 missing from the JDK", e);
    }
  }
}
