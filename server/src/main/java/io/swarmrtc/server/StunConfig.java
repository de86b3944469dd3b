package io.swarmrtc.server;

import io.swarmrtc.stunturn.allocation.Cidr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The STUN/TURN section of the configuration: the embedded STUN/TURN server (module stun-turn)
 * and what {@code /api/ice-servers} advertises. Both read the same secret, realm and TTL, so every
 * credential the signaling server mints is accepted by the embedded TURN server.
 *
 * <pre>{@code
 * StunConfig stun = StunConfig.builder().port(0).allowPeers(List.of("127.0.0.0/8")).turnSecret(secret).build();
 * }</pre>
 *
 * <p>Defaults are safe: UDP and TCP on 3478, relay ports 49152-65535, no relaying to private,
 * loopback or link-local peers, 10 allocations and 16 MiB/s per user, 10,000 allocations in all.
 */
public final class StunConfig {
    private final boolean enabled;
    private final String host;
    private final int port;
    private final boolean udp;
    private final boolean tcp;
    private final String relayAddress;
    private final int relayPortMin;
    private final int relayPortMax;
    private final List<String> allowedPeers;
    private final int maxAllocations;
    private final int maxAllocationsPerUser;
    private final long userBytesPerSecond;
    private final List<String> iceUrls;
    private final String turnSecret;
    private final Duration turnTtl;
    private final String turnRealm;

    private StunConfig(Builder b) {
        this.enabled = b.enabled;
        this.host = b.host;
        this.port = b.port;
        this.udp = b.udp;
        this.tcp = b.tcp;
        this.relayAddress = b.relayAddress;
        this.relayPortMin = b.relayPortMin;
        this.relayPortMax = b.relayPortMax;
        this.allowedPeers = List.copyOf(b.allowedPeers);
        this.maxAllocations = b.maxAllocations;
        this.maxAllocationsPerUser = b.maxAllocationsPerUser;
        this.userBytesPerSecond = b.userBytesPerSecond;
        this.iceUrls = List.copyOf(b.iceUrls);
        this.turnSecret = b.turnSecret;
        this.turnTtl = b.turnTtl;
        this.turnRealm = b.turnRealm;
        validate();
    }

    private void validate() {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("stun port must be 0-65535 (0: any free port): " + port);
        }
        if (enabled && !udp && !tcp) {
            throw new IllegalArgumentException("stun transports: choose udp, tcp or both");
        }
        boolean ephemeralRelays = relayPortMin == 0 && relayPortMax == 0;
        if (!ephemeralRelays && (relayPortMin < 1 || relayPortMax > 65535 || relayPortMin > relayPortMax)) {
            throw new IllegalArgumentException("relay range must be MIN-MAX within 1-65535 (or 0-0): "
                    + relayPortMin + "-" + relayPortMax);
        }
        if (maxAllocations < 1 || maxAllocationsPerUser < 1 || userBytesPerSecond < 0) {
            throw new IllegalArgumentException("TURN quotas must be positive (bandwidth 0 = unlimited)");
        }
        // Addresses of this machine, so literals only: never a DNS look-up at start.
        if (host != null && !host.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("stun host must be an IP address: " + host);
        }
        if (relayAddress != null && !relayAddress.matches("[0-9.]+")) {
            throw new IllegalArgumentException("relay address must be an IPv4 address: " + relayAddress);
        }
        for (String cidr : allowedPeers) {
            Cidr.parse(cidr); // throws IllegalArgumentException naming the bad block
        }
        for (String url : iceUrls) {
            if (!url.matches("(stun|stuns|turn|turns):[^\\s,]+")) {
                throw new IllegalArgumentException("not a stun:, stuns:, turn: or turns: URL: " + url);
            }
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

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this section's values (the secret included). */
    public Builder toBuilder() {
        Builder b = new Builder().enabled(enabled).host(host).port(port).transports(udp, tcp)
                .relayAddress(relayAddress).relayPorts(relayPortMin, relayPortMax)
                .maxAllocations(maxAllocations).maxAllocationsPerUser(maxAllocationsPerUser)
                .userBytesPerSecond(userBytesPerSecond).iceUrls(iceUrls)
                .turnSecret(turnSecret).turnTtl(turnTtl).turnRealm(turnRealm);
        b.allowedPeers.addAll(allowedPeers);
        return b;
    }

    /** Whether the server jar runs the embedded STUN/TURN server (default true). */
    public boolean enabled() { return enabled; }
    /** Bind address of STUN/TURN, or null for the HTTP bind address. */
    public String host() { return host; }
    /** UDP and TCP port of STUN/TURN (default 3478; 0 = a free one each, advertised as bound). */
    public int port() { return port; }
    public boolean udp() { return udp; }
    public boolean tcp() { return tcp; }
    /** IPv4 address relays bind to and advertise, or null to derive it from the bind address. */
    public String relayAddress() { return relayAddress; }
    public int relayPortMin() { return relayPortMin; }
    public int relayPortMax() { return relayPortMax; }
    /** CIDR blocks relaying may reach despite the private/loopback deny-list (default none). */
    public List<String> allowedPeers() { return allowedPeers; }
    public int maxAllocations() { return maxAllocations; }
    public int maxAllocationsPerUser() { return maxAllocationsPerUser; }
    /** Relayed bytes per second per user; 0 = unlimited. */
    public long userBytesPerSecond() { return userBytesPerSecond; }
    /** URLs advertised instead of the embedded server's (e.g. an external coturn); empty = derived. */
    public List<String> iceUrls() { return iceUrls; }
    /** HMAC secret of the TURN REST credentials (never logged). */
    public String turnSecret() { return turnSecret; }
    /** Lifetime of issued TURN credentials (default 24 h). */
    public Duration turnTtl() { return turnTtl; }
    public String turnRealm() { return turnRealm; }

    @Override
    public String toString() {
        return "StunConfig[enabled=" + enabled + ", host=" + host + ", port=" + port + ", udp=" + udp
                + ", tcp=" + tcp + ", relayAddress=" + relayAddress + ", relayPorts=" + relayPortMin + "-"
                + relayPortMax + ", allowedPeers=" + allowedPeers + ", maxAllocations=" + maxAllocations
                + ", maxAllocationsPerUser=" + maxAllocationsPerUser + ", userBytesPerSecond="
                + userBytesPerSecond + ", iceUrls=" + iceUrls + ", turnSecret=(hidden), turnTtl=" + turnTtl
                + ", turnRealm=" + turnRealm + "]";
    }

    /** Mutable builder with the safe defaults above; {@link #build()} validates. */
    public static final class Builder {
        private boolean enabled = true;
        private String host;
        private int port = 3478;
        private boolean udp = true;
        private boolean tcp = true;
        private String relayAddress;
        private int relayPortMin = 49152;
        private int relayPortMax = 65535;
        private final List<String> allowedPeers = new ArrayList<>();
        private int maxAllocations = 10_000;
        private int maxAllocationsPerUser = 10;
        private long userBytesPerSecond = 16L * 1024 * 1024;
        private final List<String> iceUrls = new ArrayList<>();
        private String turnSecret;
        private Duration turnTtl = Duration.ofHours(24);
        private String turnRealm = "swarmrtc";

        private Builder() {
        }

        public Builder enabled(boolean on) { this.enabled = on; return this; }
        public Builder host(String bindAddress) { this.host = blankToNull(bindAddress); return this; }
        public Builder port(int port) { this.port = port; return this; }

        public Builder transports(boolean udp, boolean tcp) {
            this.udp = udp;
            this.tcp = tcp;
            return this;
        }

        public Builder relayAddress(String address) { this.relayAddress = blankToNull(address); return this; }

        /** Relay ports, inclusive; {@code (0, 0)} lets the OS pick. */
        public Builder relayPorts(int min, int max) {
            this.relayPortMin = min;
            this.relayPortMax = max;
            return this;
        }

        /** Adds CIDR blocks (e.g. {@code 10.0.0.0/8}) relaying may reach. */
        public Builder allowPeers(List<String> cidrs) { allowedPeers.addAll(cidrs); return this; }
        public Builder maxAllocations(int n) { this.maxAllocations = n; return this; }
        public Builder maxAllocationsPerUser(int n) { this.maxAllocationsPerUser = n; return this; }
        public Builder userBytesPerSecond(long n) { this.userBytesPerSecond = n; return this; }

        public Builder iceUrls(List<String> urls) {
            iceUrls.clear();
            iceUrls.addAll(urls);
            return this;
        }

        public Builder turnSecret(String secret) { this.turnSecret = blankToNull(secret); return this; }
        public Builder turnTtl(Duration ttl) { this.turnTtl = Objects.requireNonNull(ttl); return this; }
        public Builder turnRealm(String realm) { this.turnRealm = realm; return this; }

        boolean hasSecret() {
            return turnSecret != null;
        }

        public StunConfig build() {
            return new StunConfig(this);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }
    }
}
