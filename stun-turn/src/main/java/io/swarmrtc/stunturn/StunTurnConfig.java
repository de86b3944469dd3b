package io.swarmrtc.stunturn;

import io.swarmrtc.stunturn.allocation.Cidr;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Immutable configuration of a {@link StunTurnServer}. Defaults are safe: no relaying to private,
 * loopback or link-local peers, 10 allocations and 16 MB/s per user, 10,000 allocations total.
 *
 * <pre>{@code
 * StunTurnConfig config = StunTurnConfig.builder()
 *     .bindAddress(InetAddress.getLoopbackAddress()).udpPort(0).tcpPort(0)
 *     .realm("swarmrtc").sharedSecret(secret)          // REST credentials from signaling
 *     .relayAddress(InetAddress.getByName("203.0.113.7")).relayPorts(49152, 65535)
 *     .build();
 * }</pre>
 */
public final class StunTurnConfig {
  /** Port value that disables a listener. */
  public static final int DISABLED = -1;

  private final InetAddress bindAddress;
  private final int udpPort;
  private final int tcpPort;
  private final String realm;
  private final String sharedSecret;
  private final Map<String, String> users;
  private final InetAddress relayAddress;
  private final int relayPortMin;
  private final int relayPortMax;
  private final List<Cidr> allowedPeers;
  private final int maxAllocations;
  private final int maxAllocationsPerUser;
  private final long userBytesPerSecond;
  private final int maxPermissionsPerAllocation;
  private final Duration nonceLifetime;
  private final String software;
  private final Clock clock;
  private final Random random;

  private StunTurnConfig(Builder b) {
    this.bindAddress = b.bindAddress;
    this.udpPort = b.udpPort;
    this.tcpPort = b.tcpPort;
    this.realm = b.realm;
    this.sharedSecret = b.sharedSecret;
    this.users = Map.copyOf(b.users);
    this.relayAddress = b.relayAddress != null ? b.relayAddress : b.bindAddress;
    this.relayPortMin = b.relayPortMin;
    this.relayPortMax = b.relayPortMax;
    this.allowedPeers = List.copyOf(b.allowedPeers);
    this.maxAllocations = b.maxAllocations;
    this.maxAllocationsPerUser = b.maxAllocationsPerUser;
    this.userBytesPerSecond = b.userBytesPerSecond;
    this.maxPermissionsPerAllocation = b.maxPermissionsPerAllocation;
    this.nonceLifetime = b.nonceLifetime;
    this.software = b.software;
    this.clock = b.clock;
    this.random = b.random;
  }

  public static Builder builder() {
    return new Builder();
  }

  public InetAddress bindAddress() { return bindAddress; }
  /** UDP listen port; 0 = ephemeral, {@link #DISABLED} = off. */
  public int udpPort() { return udpPort; }
  /** TCP listen port; 0 = ephemeral, {@link #DISABLED} = off. */
  public int tcpPort() { return tcpPort; }
  public String realm() { return realm; }
  /** Shared secret for REST-style ephemeral credentials, or null. */
  public String sharedSecret() { return sharedSecret; }
  /** Static long-term users: username to password. */
  public Map<String, String> users() { return users; }
  public InetAddress relayAddress() { return relayAddress; }
  public int relayPortMin() { return relayPortMin; }
  public int relayPortMax() { return relayPortMax; }
  /** Peer CIDRs allowed despite the deny-list (tests, labs). */
  public List<Cidr> allowedPeers() { return allowedPeers; }
  public int maxAllocations() { return maxAllocations; }
  public int maxAllocationsPerUser() { return maxAllocationsPerUser; }
  /** Relayed bytes per second per user; 0 = unlimited. */
  public long userBytesPerSecond() { return userBytesPerSecond; }
  public int maxPermissionsPerAllocation() { return maxPermissionsPerAllocation; }
  public Duration nonceLifetime() { return nonceLifetime; }
  public String software() { return software; }
  public Clock clock() { return clock; }
  public Random random() { return random; }

  /** Builder with safe defaults; {@link #build()} validates. */
  public static final class Builder {
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int udpPort = 3478;
    private int tcpPort = 3478;
    private String realm = "swarmrtc";
    private String sharedSecret;
    private final Map<String, String> users = new LinkedHashMap<>();
    private InetAddress relayAddress;
    private int relayPortMin = 49152;
    private int relayPortMax = 65535;
    private final List<Cidr> allowedPeers = new ArrayList<>();
    private int maxAllocations = 10_000;
    private int maxAllocationsPerUser = 10;
    private long userBytesPerSecond = 16L * 1024 * 1024;
    private int maxPermissionsPerAllocation = 64;
    private Duration nonceLifetime = Duration.ofMinutes(10);
    private String software = "swarmrtc";
    private Clock clock = Clock.systemUTC();
    private Random random;

    private Builder() {}

    public Builder bindAddress(InetAddress a) { bindAddress = Objects.requireNonNull(a); return this; }
    public Builder udpPort(int p) { udpPort = p; return this; }
    public Builder tcpPort(int p) { tcpPort = p; return this; }
    public Builder realm(String r) { realm = Objects.requireNonNull(r); return this; }
    public Builder sharedSecret(String s) { sharedSecret = s; return this; }
    public Builder user(String name, String password) { users.put(name, password); return this; }
    public Builder relayAddress(InetAddress a) { relayAddress = a; return this; }
    /** Relay ports, inclusive; {@code (0, 0)} lets the OS pick ephemeral ports. */
    public Builder relayPorts(int min, int max) { relayPortMin = min; relayPortMax = max; return this; }
    public Builder allowPeers(String cidr) { allowedPeers.add(Cidr.parse(cidr)); return this; }
    public Builder maxAllocations(int n) { maxAllocations = n; return this; }
    public Builder maxAllocationsPerUser(int n) { maxAllocationsPerUser = n; return this; }
    public Builder userBytesPerSecond(long n) { userBytesPerSecond = n; return this; }
    public Builder maxPermissionsPerAllocation(int n) { maxPermissionsPerAllocation = n; return this; }
    public Builder nonceLifetime(Duration d) { nonceLifetime = Objects.requireNonNull(d); return this; }
    public Builder software(String s) { software = Objects.requireNonNull(s); return this; }
    public Builder clock(Clock c) { clock = Objects.requireNonNull(c); return this; }
    /** Randomness for nonce keys and transaction ids; defaults to a SecureRandom. */
    public Builder random(Random r) { random = r; return this; }

    public StunTurnConfig build() {
      checkPort("udpPort", udpPort);
      checkPort("tcpPort", tcpPort);
      if (udpPort == DISABLED && tcpPort == DISABLED) {
        throw new IllegalArgumentException("both listeners disabled");
      }
      boolean ephemeral = relayPortMin == 0 && relayPortMax == 0;
      if (!ephemeral && (relayPortMin < 1 || relayPortMax > 65535 || relayPortMin > relayPortMax)) {
        throw new IllegalArgumentException("bad relay port range " + relayPortMin + "-" + relayPortMax);
      }
      InetAddress relay = relayAddress != null ? relayAddress : bindAddress;
      if (relay.isAnyLocalAddress()) {
        throw new IllegalArgumentException("relayAddress is required when binding a wildcard address");
      }
      if (!(relay instanceof java.net.Inet4Address)) {
        throw new IllegalArgumentException("relayAddress must be IPv4 (IPv6 relaying is not supported)");
      }
      if (maxAllocations < 1 || maxAllocationsPerUser < 1 || maxPermissionsPerAllocation < 1
          || userBytesPerSecond < 0) {
        throw new IllegalArgumentException("quotas must be positive");
      }
      if (sharedSecret == null && users.isEmpty()) {
        throw new IllegalArgumentException("configure a shared secret or at least one user");
      }
      if (realm.isEmpty() || software.length() > 127) {
        throw new IllegalArgumentException("realm empty or software too long");
      }
      if (random == null) {
        random = new SecureRandom();
      }
      return new StunTurnConfig(this);
    }

    private static void checkPort(String name, int p) {
      if (p != DISABLED && (p < 0 || p > 65535)) {
        throw new IllegalArgumentException(name + " out of range: " + p);
      }
    }
  }
}
