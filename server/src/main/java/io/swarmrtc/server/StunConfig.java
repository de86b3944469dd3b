package io.swarmrtc.server;

import java.time.Duration;
import java.util.Objects;

/**
 * The STUN/TURN section of the configuration: where clients reach STUN/TURN (advertised in
 * /api/ice-servers) and the shared secret of the ephemeral TURN credentials. The embedded
 * STUN/TURN server (module stun-turn) reads the same section when it is wired in.
 *
 * @param port       UDP and TCP port of STUN/TURN (default 3478)
 * @param turnSecret HMAC secret of the TURN REST credentials (never logged)
 * @param turnTtl    lifetime of issued TURN credentials (default 24 h)
 * @param turnRealm  TURN realm (default "swarmrtc")
 */
public record StunConfig(int port, String turnSecret, Duration turnTtl, String turnRealm) {
    public StunConfig {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("stun port must be 1-65535: " + port);
        }
        Objects.requireNonNull(turnSecret, "turnSecret");
        if (turnSecret.isEmpty()) {
            throw new IllegalArgumentException("turn secret must not be empty");
        }
        if (turnTtl.isNegative() || turnTtl.isZero() || turnTtl.getSeconds() < 60) {
            throw new IllegalArgumentException("turn ttl must be at least 60 s: " + turnTtl);
        }
        if (turnRealm == null || turnRealm.isBlank()) {
            throw new IllegalArgumentException("turn realm must not be blank");
        }
    }

    @Override
    public String toString() {
        return "StunConfig[port=" + port + ", turnSecret=(hidden), turnTtl=" + turnTtl + ", turnRealm=" + turnRealm + "]";
    }
}
