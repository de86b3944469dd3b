package io.swarmrtc.server;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Random;

/**
 * Immutable configuration of {@link SwarmrtcServer}. Build it with {@link #builder()}; every
 * setting has the default documented in docs/signaling.md and on {@code --help}.
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).maxPeersPerRoom(8).build();
 * try (SwarmrtcServer server = SwarmrtcServer.start(config)) { ... server.port() ... }
 * }</pre>
 *
 * <p>{@link Builder#clock} and {@link Builder#random} exist for tests (controllable time, seeded ids).
 */
public final class ServerConfig {
    private final String host;
    private final int port;
    private final String publicHost;
    private final boolean advertiseIceServers;
    private final StunConfig stun;
    private final int maxPeersPerRoom;
    private final int maxFrameBytes;
    private final double ratePerSecond;
    private final int rateBurst;
    private final int maxErrorsPerConnection;
    private final Duration resumeGrace;
    private final Duration heartbeatInterval;
    private final Duration idleTimeout;
    private final String joinSecret;
    private final boolean requireJoinToken;
    private final Clock clock;
    private final Random random;

    private ServerConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.publicHost = b.publicHost;
        this.advertiseIceServers = b.advertiseIceServers;
        this.random = b.random != null ? b.random : new SecureRandom();
        String secret = b.turnSecret != null ? b.turnSecret : generateSecret(this.random);
        this.stun = new StunConfig(b.stunPort, secret, b.turnTtl, b.turnRealm);
        this.turnSecretGenerated = b.turnSecret == null;
        this.maxPeersPerRoom = b.maxPeersPerRoom;
        this.maxFrameBytes = b.maxFrameBytes;
        this.ratePerSecond = b.ratePerSecond;
        this.rateBurst = b.rateBurst;
        this.maxErrorsPerConnection = b.maxErrorsPerConnection;
        this.resumeGrace = b.resumeGrace;
        this.heartbeatInterval = b.heartbeatInterval;
        this.idleTimeout = b.idleTimeout;
        this.joinSecret = b.joinSecret;
        this.requireJoinToken = b.requireJoinToken;
        this.clock = b.clock;
        validate();
    }

    private final boolean turnSecretGenerated;

    private void validate() {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535 (0: any free port): " + port);
        }
        if (maxPeersPerRoom < 2 || maxPeersPerRoom > 10_000) {
            throw new IllegalArgumentException("room max peers must be 2-10000: " + maxPeersPerRoom);
        }
        if (maxFrameBytes < 1024 || maxFrameBytes > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("frame limit must be 1 KiB - 16 MiB: " + maxFrameBytes);
        }
        if (ratePerSecond <= 0 || rateBurst < 1) {
            throw new IllegalArgumentException("rate limit must be > 0/s with a burst >= 1");
        }
        if (maxErrorsPerConnection < 1) {
            throw new IllegalArgumentException("max errors per connection must be >= 1");
        }
        if (resumeGrace.isNegative()) {
            throw new IllegalArgumentException("resume grace must not be negative");
        }
        if (heartbeatInterval.toMillis() < 10 || idleTimeout.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("heartbeat must be >= 10 ms and the idle timeout longer than it");
        }
        if (requireJoinToken && (joinSecret == null || joinSecret.isEmpty())) {
            throw new IllegalArgumentException("--require-join-token needs --join-secret");
        }
    }

    private static String generateSecret(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values (the TURN secret included). */
    public Builder toBuilder() {
        Builder b = new Builder().host(host).port(port).publicHost(publicHost).advertiseIceServers(advertiseIceServers).stunPort(stun.port())
                .turnSecret(stun.turnSecret()).turnTtl(stun.turnTtl()).turnRealm(stun.turnRealm())
                .maxPeersPerRoom(maxPeersPerRoom).maxFrameBytes(maxFrameBytes)
                .rateLimit(ratePerSecond, rateBurst).maxErrorsPerConnection(maxErrorsPerConnection)
                .resumeGrace(resumeGrace).heartbeat(heartbeatInterval, idleTimeout)
                .joinSecret(joinSecret).requireJoinToken(requireJoinToken).clock(clock).random(random);
        return b;
    }

    /** Bind address of the HTTP/WebSocket listener (default 0.0.0.0). */
    public String host() { return host; }
    /** HTTP/WebSocket port (default 8080; 0 picks a free port). */
    public int port() { return port; }
    /** Host name advertised in ICE URLs, or null to use the request's Host header. */
    public String publicHost() { return publicHost; }
    /**
     * Whether /api/ice-servers hands out the STUN/TURN URLs (default true). False: it returns an
     * empty list, so browsers use host candidates only: for a LAN or test deployment without a
     * reachable STUN/TURN server, where unreachable ICE servers only cost gathering time.
     */
    public boolean advertiseIceServers() { return advertiseIceServers; }
    public StunConfig stun() { return stun; }
    /** True when no TURN secret was configured and a random one was generated. */
    public boolean turnSecretGenerated() { return turnSecretGenerated; }
    public int maxPeersPerRoom() { return maxPeersPerRoom; }
    public int maxFrameBytes() { return maxFrameBytes; }
    public double ratePerSecond() { return ratePerSecond; }
    public int rateBurst() { return rateBurst; }
    public int maxErrorsPerConnection() { return maxErrorsPerConnection; }
    public Duration resumeGrace() { return resumeGrace; }
    public Duration heartbeatInterval() { return heartbeatInterval; }
    public Duration idleTimeout() { return idleTimeout; }
    /** HMAC-SHA256 secret of join tokens, or null. */
    public String joinSecret() { return joinSecret; }
    public boolean requireJoinToken() { return requireJoinToken; }
    public Clock clock() { return clock; }
    public Random random() { return random; }

    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", publicHost=" + publicHost + ", advertiseIceServers=" + advertiseIceServers + ", " + stun
                + ", maxPeersPerRoom=" + maxPeersPerRoom + ", maxFrameBytes=" + maxFrameBytes
                + ", rate=" + ratePerSecond + "/s burst " + rateBurst + ", maxErrors=" + maxErrorsPerConnection
                + ", resumeGrace=" + resumeGrace + ", heartbeat=" + heartbeatInterval + "/" + idleTimeout
                + ", joinSecret=" + (joinSecret == null ? "none" : "(hidden)")
                + ", requireJoinToken=" + requireJoinToken + "]";
    }

    /** Mutable builder; {@link #build()} validates and fills the generated TURN secret. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = 8080;
        private String publicHost;
        private boolean advertiseIceServers = true;
        private int stunPort = 3478;
        private String turnSecret;
        private Duration turnTtl = Duration.ofHours(24);
        private String turnRealm = "swarmrtc";
        private int maxPeersPerRoom = 32;
        private int maxFrameBytes = 64 * 1024;
        private double ratePerSecond = 50;
        private int rateBurst = 200;
        private int maxErrorsPerConnection = 100;
        private Duration resumeGrace = Duration.ofSeconds(10);
        private Duration heartbeatInterval = Duration.ofSeconds(15);
        private Duration idleTimeout = Duration.ofSeconds(45);
        private String joinSecret;
        private boolean requireJoinToken;
        private Clock clock = Clock.systemUTC();
        private Random random;

        private Builder() {
        }

        public Builder host(String host) { this.host = host; return this; }
        public Builder port(int port) { this.port = port; return this; }
        public Builder publicHost(String publicHost) { this.publicHost = blankToNull(publicHost); return this; }
        /** False: /api/ice-servers returns no STUN/TURN servers (host candidates only). */
        public Builder advertiseIceServers(boolean advertise) { this.advertiseIceServers = advertise; return this; }
        public Builder stunPort(int stunPort) { this.stunPort = stunPort; return this; }
        public Builder turnSecret(String turnSecret) { this.turnSecret = blankToNull(turnSecret); return this; }
        public Builder turnTtl(Duration turnTtl) { this.turnTtl = Objects.requireNonNull(turnTtl); return this; }
        public Builder turnRealm(String turnRealm) { this.turnRealm = turnRealm; return this; }
        public Builder maxPeersPerRoom(int n) { this.maxPeersPerRoom = n; return this; }
        public Builder maxFrameBytes(int bytes) { this.maxFrameBytes = bytes; return this; }

        public Builder rateLimit(double perSecond, int burst) {
            this.ratePerSecond = perSecond;
            this.rateBurst = burst;
            return this;
        }

        public Builder maxErrorsPerConnection(int n) { this.maxErrorsPerConnection = n; return this; }
        public Builder resumeGrace(Duration grace) { this.resumeGrace = Objects.requireNonNull(grace); return this; }

        /** Ping every {@code interval}; close a socket silent for {@code idleTimeout}. */
        public Builder heartbeat(Duration interval, Duration idleTimeout) {
            this.heartbeatInterval = Objects.requireNonNull(interval);
            this.idleTimeout = Objects.requireNonNull(idleTimeout);
            return this;
        }

        public Builder joinSecret(String secret) { this.joinSecret = blankToNull(secret); return this; }
        public Builder requireJoinToken(boolean required) { this.requireJoinToken = required; return this; }
        public Builder clock(Clock clock) { this.clock = Objects.requireNonNull(clock); return this; }
        /** Source of peer ids, resume tokens and a generated TURN secret (default: a SecureRandom). */
        public Builder random(Random random) { this.random = random; return this; }

        public ServerConfig build() {
            return new ServerConfig(this);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }
}
