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
 * Not thread-safe: one instance per event loop.
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

  // Single-threaded caches (the event loop): one nonce per second, the last one verified.
  private long cachedSecond = -1;
  private String cachedNonce;
  private String lastValid;
  private long lastValidExpiry;

  public String issue(long nowMillis) {
    long second = nowMillis / 1000;
    if (second != cachedSecond) {
      String expiry = hex12(second * 1000 + lifetimeMillis);
      cachedNonce = expiry + tag(expiry);
      cachedSecond = second;
    }
    return cachedNonce;
  }

  private static String hex12(long v) {
    char[] c = new char[12];
    for (int i = 11; i >= 0; i--, v >>>= 4) {
      c[i] = Character.forDigit((int) (v & 0xF), 16);
    }
    return new String(c);
  }

  public Verdict check(String nonce, long nowMillis) {
    if (nonce == null || nonce.length() != 28) {
      return Verdict.STALE;
    }
    if (nonce.equals(lastValid)) { // skip the HMAC for the nonce every client is using
      return nowMillis < lastValidExpiry ? Verdict.VALID : Verdict.STALE;
    }
    String expiry = nonce.substring(0, 12);
    byte[] expected = tag(expiry).getBytes(StandardCharsets.US_ASCII);
    byte[] got = nonce.substring(12).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, got)) {
      return Verdict.STALE;
    }
    long expiresAt = Long.parseLong(expiry, 16); // safe: the tag proves we wrote it
    lastValid = nonce;
    lastValidExpiry = expiresAt;
    return nowMillis < expiresAt ? Verdict.VALID : Verdict.STALE;
  }

  private String tag(String expiry) {
    byte[] full = mac.get().doFinal(expiry.getBytes(StandardCharsets.US_ASCII));
    return HEX.formatHex(full, 0, 8);
  }
}
