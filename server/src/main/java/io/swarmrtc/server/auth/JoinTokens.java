package io.swarmrtc.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed join tokens (docs/signaling.md): {@code base64url(payload) + "." +
 * base64url(HMAC-SHA256(secret, base64url(payload)))}, payload {@code {"room":"r","exp":unixSeconds}}.
 * Issue them from any backend that shares the join secret. Pure: time is passed in.
 */
public final class JoinTokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final byte[] secret;

    public JoinTokens(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("join secret must not be empty");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** A token admitting its holder to {@code room} until {@code expiry}. */
    public String issue(String room, Instant expiry) {
        String payload = B64.encodeToString(JSON.createObjectNode().put("room", room)
                .put("exp", expiry.getEpochSecond()).toString().getBytes(StandardCharsets.UTF_8));
        return payload + "." + B64.encodeToString(hmac(payload));
    }

    /** Empty when the token is valid for {@code room} at {@code now}; else why it is not. */
    public Optional<String> check(String token, String room, Instant now) {
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.of("malformed token");
        }
        String payload = token.substring(0, dot);
        byte[] signature;
        JsonNode claims;
        try {
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            claims = JSON.readTree(Base64.getUrlDecoder().decode(payload));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.of("malformed token");
        }
        if (!MessageDigest.isEqual(hmac(payload), signature)) {
            return Optional.of("bad signature");
        }
        if (claims == null || !claims.path("room").isTextual() || !claims.path("exp").canConvertToLong()) {
            return Optional.of("token payload needs room and exp");
        }
        if (!claims.get("room").textValue().equals(room)) {
            return Optional.of("token is for another room");
        }
        if (now.getEpochSecond() >= claims.get("exp").longValue()) {
            return Optional.of("token expired");
        }
        return Optional.empty();
    }

    private byte[] hmac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
