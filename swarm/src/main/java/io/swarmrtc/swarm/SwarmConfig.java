package io.swarmrtc.swarm;

import java.time.Duration;

/**
 * Tunables of a {@link SwarmSession}. Immutable; build with {@link #builder()}; the defaults follow
 * the recommendations of docs/swarm-protocol.md.
 *
 * <pre>{@code
 * SwarmConfig c = SwarmConfig.builder().maxOutstandingPerPeer(8).build();
 * }</pre>
 */
public final class SwarmConfig {
  private final int blockSize;
  private final int maxOutstandingPerPeer;
  private final Duration requestTimeout;
  private final int maxUploadQueuePerPeer;
  private final Duration uploadHoldBack;
  private final Duration rejectBackoff;

  private SwarmConfig(Builder b) {
    this.rejectBackoff = b.rejectBackoff;
    this.uploadHoldBack = b.uploadHoldBack;
    this.blockSize = b.blockSize;
    this.maxOutstandingPerPeer = b.maxOutstandingPerPeer;
    this.requestTimeout = b.requestTimeout;
    this.maxUploadQueuePerPeer = b.maxUploadQueuePerPeer;
  }

  public static SwarmConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Bytes per requested block (16 KiB to 64 KiB; default 64 KiB). */
  public int blockSize() {
    return blockSize;
  }

  /** Requests in flight per peer (default 16). */
  public int maxOutstandingPerPeer() {
    return maxOutstandingPerPeer;
  }

  /** After this long without an answer a request is cancelled and the block asked of others (default 30 s). */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** Requests from one peer queued for upload; further ones are REJECTed (default 64). */
  public int maxUploadQueuePerPeer() {
    return maxUploadQueuePerPeer;
  }

  /**
   * How long a request for a piece we already sent to another peer waits before we send it again
   * (default 1 s): that peer will likely announce it first and the request is then redirected to it.
   * Zero disables holding back.
   */
  public Duration uploadHoldBack() {
    return uploadHoldBack;
  }

  /**
   * After a REJECT, how long the block is asked of other peers first before this one is asked again
   * (default 2 s): short, because the rejecting peer may be the only one we can reach that has it.
   */
  public Duration rejectBackoff() {
    return rejectBackoff;
  }

  public static final class Builder {
    private int blockSize = 65_536;
    private int maxOutstandingPerPeer = 16;
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int maxUploadQueuePerPeer = 64;
    private Duration uploadHoldBack = Duration.ofSeconds(1);
    private Duration rejectBackoff = Duration.ofSeconds(2);

    private Builder() {}

    public Builder blockSize(int v) {
      if (v < 16_384 || v > 65_536) {
        throw new IllegalArgumentException("blockSize must be 16 KiB to 64 KiB");
      }
      blockSize = v;
      return this;
    }

    public Builder maxOutstandingPerPeer(int v) {
      if (v < 1) {
        throw new IllegalArgumentException("maxOutstandingPerPeer must be positive");
      }
      maxOutstandingPerPeer = v;
      return this;
    }

    public Builder requestTimeout(Duration v) {
      if (v.isNegative() || v.isZero()) {
        throw new IllegalArgumentException("requestTimeout must be positive");
      }
      requestTimeout = v;
      return this;
    }

    public Builder maxUploadQueuePerPeer(int v) {
      if (v < 1) {
        throw new IllegalArgumentException("maxUploadQueuePerPeer must be positive");
      }
      maxUploadQueuePerPeer = v;
      return this;
    }

    public Builder uploadHoldBack(Duration v) {
      if (v.isNegative()) {
        throw new IllegalArgumentException("uploadHoldBack must not be negative");
      }
      uploadHoldBack = v;
      return this;
    }

    public Builder rejectBackoff(Duration v) {
      if (v.isNegative()) {
        throw new IllegalArgumentException("rejectBackoff must not be negative");
      }
      rejectBackoff = v;
      return this;
    }

    public SwarmConfig build() {
      return new SwarmConfig(this);
    }
  }
}
