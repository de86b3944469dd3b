package io.swarmrtc.peer.internal.rtc;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings for peer connections and their channels. Immutable; build with {@link #builder()}.
 *
 * <p>Watermarks: a sender hands messages to the native channel until its buffered amount would
 * pass {@code highWatermark}, then waits (polling, since webrtc-java 0.14.0 never fires
 * onBufferedAmountChange) until it drops to {@code lowWatermark}. Without this the channel closes
 * silently at about 16 MiB buffered.
 *
 * <p>Receiving: a channel holds at most {@code incomingLimit} bytes received and not yet handed to
 * its listener; a peer that sends faster than we take its messages for that long is closed with
 * {@link RtcChannel#closeReason()} saying so, instead of growing our heap.
 */
public record RtcConfig(
    List<IceServer> iceServers,
    boolean relayOnly,
    long highWatermark,
    long lowWatermark,
    Duration bufferPollInterval,
    int maxIceRestarts,
    Duration failedGrace,
    Duration disconnectedGrace,
    Duration politeRestartDelay,
    long incomingLimit) {

  /** The largest message a data channel carries; a larger one would silently close the channel. */
  public static final int MAX_MESSAGE_SIZE = 262_144;

  public RtcConfig {
    iceServers = List.copyOf(Objects.requireNonNull(iceServers, "iceServers"));
    Objects.requireNonNull(bufferPollInterval, "bufferPollInterval");
    Objects.requireNonNull(failedGrace, "failedGrace");
    Objects.requireNonNull(disconnectedGrace, "disconnectedGrace");
    Objects.requireNonNull(politeRestartDelay, "politeRestartDelay");
    if (lowWatermark < 0 || highWatermark < MAX_MESSAGE_SIZE || lowWatermark >= highWatermark) {
      throw new IllegalArgumentException(
          "need 0 <= lowWatermark < highWatermark and highWatermark >= " + MAX_MESSAGE_SIZE);
    }
    if (highWatermark > 8L << 20) {
      throw new IllegalArgumentException("highWatermark over 8 MiB risks the channel's silent close");
    }
    if (incomingLimit < MAX_MESSAGE_SIZE) {
      throw new IllegalArgumentException("incomingLimit must hold at least one message of " + MAX_MESSAGE_SIZE);
    }
    if (maxIceRestarts < 0) {
      throw new IllegalArgumentException("maxIceRestarts < 0");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .iceServers(iceServers)
        .relayOnly(relayOnly)
        .watermarks(lowWatermark, highWatermark)
        .bufferPollInterval(bufferPollInterval)
        .maxIceRestarts(maxIceRestarts)
        .failedGrace(failedGrace)
        .disconnectedGrace(disconnectedGrace)
        .politeRestartDelay(politeRestartDelay)
        .incomingLimit(incomingLimit);
  }

  /**
   * Builder with defaults: no ICE servers, 768 KiB / 1 MiB watermarks (the buffered amount is polled,
   * so a low watermark close to the high one tops the buffer up at every poll instead of letting it
   * drain towards empty between polls on a busy machine), 1 ms polls, 3 ICE restarts,
   * 20 s for a failed connection to recover before the next restart (or close), 5 s in
   * {@code disconnected} before that counts as a failure, 2 s for the polite side to leave the
   * restart to the other side, 16 MiB of received messages waiting for the listener per channel.
   */
  public static final class Builder {
    private List<IceServer> iceServers = List.of();
    private boolean relayOnly;
    private long high = 1 << 20;
    private long low = 768 << 10;
    private Duration poll = Duration.ofMillis(1);
    private int maxIceRestarts = 3;
    private Duration failedGrace = Duration.ofSeconds(20);
    private Duration disconnectedGrace = Duration.ofSeconds(5);
    private Duration politeRestartDelay = Duration.ofSeconds(2);
    private long incomingLimit = 16L << 20;

    public Builder iceServers(List<IceServer> servers) {
      this.iceServers = servers;
      return this;
    }

    /** Only relay candidates (forces TURN; for tests and privacy). */
    public Builder relayOnly(boolean relayOnly) {
      this.relayOnly = relayOnly;
      return this;
    }

    public Builder watermarks(long low, long high) {
      this.low = low;
      this.high = high;
      return this;
    }

    public Builder bufferPollInterval(Duration poll) {
      this.poll = poll;
      return this;
    }

    public Builder maxIceRestarts(int n) {
      this.maxIceRestarts = n;
      return this;
    }

    /** How long a failed connection may take to recover before the next restart or close. */
    public Builder failedGrace(Duration grace) {
      this.failedGrace = grace;
      return this;
    }

    /** How long the connection may stay {@code disconnected} before it counts as failed (ICE restart). */
    public Builder disconnectedGrace(Duration grace) {
      this.disconnectedGrace = grace;
      return this;
    }

    /**
     * How long the polite side waits after a failure before restarting ICE itself, leaving the
     * restart to the impolite side (no offer glare) unless none comes.
     */
    public Builder politeRestartDelay(Duration delay) {
      this.politeRestartDelay = delay;
      return this;
    }

    /** Bytes a channel holds received and not yet taken by its listener before it drops the peer. */
    public Builder incomingLimit(long bytes) {
      this.incomingLimit = bytes;
      return this;
    }

    public RtcConfig build() {
      return new RtcConfig(iceServers, relayOnly, high, low, poll, maxIceRestarts, failedGrace, disconnectedGrace,
          politeRestartDelay, incomingLimit);
    }
  }
}
