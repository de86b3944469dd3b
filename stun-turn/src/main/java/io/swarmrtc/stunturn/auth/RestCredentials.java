package io.swarmrtc.stunturn.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Ephemeral "TURN REST API" credentials shared with the signaling server: username
 * {@code "<expiry unix seconds>:<peer id>"}, password {@code base64(HMAC-SHA1(secret, username))}.
 * Whoever knows the shared secret can mint them; the TURN server only recomputes the password.
 *
 * <pre>{@code
 * RestCredentials.Issued c = RestCredentials.issue(secret, "peer-42", clock, Duration.ofHours(1));
 * // hand c.username() and c.password() to the browser as an RTCIceServer
 * }</pre>
 */
public final class RestCredentials {
  /** A username/password pair valid until {@code expiresAtEpochSecond}. */
  public record Issued(String username, String password, long expiresAtEpochSecond) {}

  private RestCredentials() {}

  public static Issued issue(String secret, String peerId, Clock clock, Duration ttl) {
    long expiry = clock.instant().plus(ttl).getEpochSecond();
    String username = expiry + ":" + peerId;
    return new Issued(username, password(secret, username), expiry);
  }

  public static String password(String secret, String username) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(
          mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 missing from the JDK", e);
    }
  }

  /**
   * The expiry of a REST-style username in unix seconds, or -1 when the username does not have
   * that shape (digits, then ':' or end).
   */
  public static long expiryOf(String username) {
    int colon = username.indexOf(':');
    int end = colon < 0 ? username.length() : colon;
    if (end == 0 || end > 12) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < end; i++) {
      char c = username.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
