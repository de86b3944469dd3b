package io.swarmrtc.stunturn.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless nonces (RFC 8489 §9.2): {@code hex(expiry millis) + hex(HMAC-SHA256(key, expiry))[..16]}.
 * Nothing is stored per client; a forged, garbled or expired nonce is "stale" and gets a 438 with
 * a fresh one. The key comes from injected randomness, so nonces die with the server.
 */
public final class NonceService {
  /** Outcome of checking a nonce. */
  public enum Verdict { VALID, STALE }

  private static final HexFormat HEX = HexFormat.of();
  private final byte[] key;
  private final long lifetimeMillis;
  private final ThreadLocal<Mac> mac;

  public NonceService(byte[] key, long lifetimeMillis) {
    this.key = key.clone();
    this.lifetimeMillis = lifetimeMillis;
    this.mac = ThreadLocal.withInitial(this::newMac);
  }

  private Mac newMac() {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String issue(long nowMillis) {
    String expiry = String.format("%012x", nowMillis + lifetimeMillis);
    return expiry + tag(expiry);
  }

  public Verdict check(String nonce, long nowMillis) {
    if (nonce == null || nonce.length() != 28) {
      return Verdict.STALE;
    }
    String expiry = nonce.substring(0, 12);
    byte[] expected = tag(expiry).getBytes(StandardCharsets.US_ASCII);
    byte[] got = nonce.substring(12).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, got)) {
      return Verdict.STALE;
    }
    long expiresAt = Long.parseLong(expiry, 16); // safe: the tag proves we wrote it
    return nowMillis < expiresAt ? Verdict.VALID : Verdict.STALE;
  }

  private String tag(String expiry) {
    byte[] full = mac.get().doFinal(expiry.getBytes(StandardCharsets.US_ASCII));
    return HEX.formatHex(full, 0, 8);
  }
}
