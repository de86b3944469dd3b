package io.swarmrtc.peer;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable room names for shares: 96 random bits, base64url (16 characters). */
final class RandomRoom {
  private static final SecureRandom RANDOM = new SecureRandom();

  private RandomRoom() {}

  static String next() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
