package io.swarmrtc.stunturn.auth;

import java.util.HashMap;
import java.util.Map;

/**
 * Looks up the long-term key for a username: static users first, then REST-style ephemeral
 * credentials when a shared secret is configured (expired ones are refused). Immutable.
 */
public final class CredentialStore {
  /** Why a lookup failed or which key it found. */
  public record Lookup(byte[] key, boolean expired) {
    public boolean found() {
      return key != null;
    }
  }

  private static final Lookup UNKNOWN = new Lookup(null, false);
  private static final Lookup EXPIRED = new Lookup(null, true);

  private final String realm;
  private final String sharedSecret;
  private final Map<String, byte[]> staticKeys = new HashMap<>();

  public CredentialStore(String realm, String sharedSecret, Map<String, String> staticUsers) {
    this.realm = realm;
    this.sharedSecret = sharedSecret;
    staticUsers.forEach((u, p) -> staticKeys.put(u, LongTermKey.md5(u, realm, p)));
  }

  public String realm() {
    return realm;
  }

  public Lookup lookup(String username, long nowEpochSecond) {
    byte[] key = staticKeys.get(username);
    if (key != null) {
      return new Lookup(key.clone(), false);
    }
    if (sharedSecret == null) {
      return UNKNOWN;
    }
    long expiry = RestCredentials.expiryOf(username);
    if (expiry < 0) {
      return UNKNOWN;
    }
    if (expiry <= nowEpochSecond) {
      return EXPIRED;
    }
    return new Lookup(LongTermKey.md5(username, realm,
        RestCredentials.password(sharedSecret, username)), false);
  }
}
