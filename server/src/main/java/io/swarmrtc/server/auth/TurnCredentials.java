package io.swarmrtc.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Ephemeral TURN credentials in the "TURN REST API" form that coturn and the embedded TURN server
 * accept: {@code username = "<expiry unix seconds>:<peer id>"},
 * {@code credential = base64(HMAC-SHA1(secret, username))}. Pure.
 */
public final class TurnCredentials {
    private final byte[] secret;
    private final Duration ttl;

    public TurnCredentials(String secret, Duration ttl) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.ttl = ttl;
    }

    /** A username/credential pair for {@code peerId}, valid until {@code now + ttl}. */
    public Credential issue(String peerId, Instant now) {
        String username = now.plus(ttl).getEpochSecond() + ":" + peerId;
        return new Credential(username, credentialFor(username), ttl);
    }

    /** base64(HMAC-SHA1(secret, username)): what a TURN server recomputes to check a username. */
    public String credentialFor(String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    /** One issued credential. */
    public record Credential(String username, String credential, Duration ttl) {
    }
}
