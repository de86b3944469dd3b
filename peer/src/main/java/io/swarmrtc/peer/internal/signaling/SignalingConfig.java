package io.swarmrtc.peer.internal.signaling;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Settings of a {@link SignalingClient}. Immutable; build with {@link #builder(URI, String)}.
 *
 * @param uri the WebSocket URI, e.g. {@code ws://127.0.0.1:8080/ws}
 * @param room the room to join
 * @param password the room password, or null
 * @param token a signed join token, or null
 * @param pingInterval how often to send {@code ping} (the server also pings every 15 s)
 * @param silenceTimeout a socket that has sent nothing for this long is treated as dead
 * @param connectTimeout how long opening the WebSocket may take
 * @param initialBackoff the first reconnect delay; it doubles up to {@code maxBackoff}
 * @param maxBackoff the longest reconnect delay (keep it under the server's resume grace, 10 s)
 * @param maxReconnectAttempts attempts in a row before giving up; -1 for no limit
 * @param clock time source for liveness checks
 * @param random jitter for reconnect delays
 */
public record SignalingConfig(
    URI uri,
    String room,
    String password,
    String token,
    Duration pingInterval,
    Duration silenceTimeout,
    Duration connectTimeout,
    Duration initialBackoff,
    Duration maxBackoff,
    int maxReconnectAttempts,
    Clock clock,
    RandomGenerator random) {

  public SignalingConfig {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(pingInterval, "pingInterval");
    Objects.requireNonNull(silenceTimeout, "silenceTimeout");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
      throw new IllegalArgumentException("signaling URI must be ws:// or wss://: " + uri);
    }
  }

  public static Builder builder(URI uri, String room) {
    return new Builder(uri, room);
  }

  /** Defaults: ping 15 s, silence 45 s, connect 10 s, backoff 250 ms doubling to 5 s, no limit. */
  public static final class Builder {
    private final URI uri;
    private final String room;
    private String password;
    private String token;
    private Duration pingInterval = Duration.ofSeconds(15);
    private Duration silenceTimeout = Duration.ofSeconds(45);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration initialBackoff = Duration.ofMillis(250);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private int maxReconnectAttempts = -1;
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random = RandomGenerator.getDefault();

    private Builder(URI uri, String room) {
      this.uri = uri;
      this.room = room;
    }

    public Builder password(String password) {
      this.password = password;
      return this;
    }

    public Builder token(String token) {
      this.token = token;
      return this;
    }

    public Builder heartbeat(Duration pingInterval, Duration silenceTimeout) {
      this.pingInterval = pingInterval;
      this.silenceTimeout = silenceTimeout;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    public Builder maxReconnectAttempts(int attempts) {
      this.maxReconnectAttempts = attempts;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder random(RandomGenerator random) {
      this.random = random;
      return this;
    }

    public SignalingConfig build() {
      return new SignalingConfig(uri, room, password, token, pingInterval, silenceTimeout,
          connectTimeout, initialBackoff, maxBackoff, maxReconnectAttempts, clock, random);
    }
  }
}
