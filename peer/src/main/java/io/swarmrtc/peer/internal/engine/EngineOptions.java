package io.swarmrtc.peer.internal.engine;

import io.swarmrtc.swarm.SwarmConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link SwarmEngine} runs.
 *
 * @param swarm the policy's tunables
 * @param tick how often timeouts are checked, held-back uploads retried and stats sampled
 * @param uploadQueueBytes PIECE bytes per peer handed to the channel and not yet passed to the
 *     native stack; further blocks wait in the session's queue (bounds memory per peer)
 * @param uploadBytesPerSecond upload rate limit over all peers, 0 = unlimited
 * @param sourceTimeout a download fails with NO_SOURCE after this long without a connected peer
 *     (or without the manifest); zero waits forever
 * @param corruptUploadsForTesting flips a byte of every block sent: a test hook to prove that
 *     receivers ban bad peers; never enable it otherwise
 */
public record EngineOptions(SwarmConfig swarm, Duration tick, int uploadQueueBytes, long uploadBytesPerSecond,
    Duration sourceTimeout, boolean corruptUploadsForTesting, Clock clock) {

  public EngineOptions {
    Objects.requireNonNull(swarm, "swarm");
    Objects.requireNonNull(tick, "tick");
    Objects.requireNonNull(sourceTimeout, "sourceTimeout");
    Objects.requireNonNull(clock, "clock");
    if (uploadQueueBytes < 65_536 || uploadBytesPerSecond < 0) {
      throw new IllegalArgumentException("uploadQueueBytes >= 64 KiB and uploadBytesPerSecond >= 0");
    }
  }

  /**
   * Requests in flight per peer: enough to keep the sender's channel buffer (up to its high
   * watermark), its queue in front of the channel and a request's round trip all full at the
   * channel's speed (64 x 64 KiB = 4 MiB); and no more than the 64 requests every implementation
   * queues per peer before it REJECTs.
   */
  static final int DEFAULT_OUTSTANDING = 64;

  public static EngineOptions defaults() {
    return new EngineOptions(SwarmConfig.builder().maxOutstandingPerPeer(DEFAULT_OUTSTANDING).build(),
        Duration.ofMillis(200), 1 << 20, 0, Duration.ofSeconds(60),
        false, Clock.systemUTC());
  }

  public EngineOptions withUploadLimit(long bytesPerSecond) {
    return new EngineOptions(swarm, tick, uploadQueueBytes, bytesPerSecond, sourceTimeout, corruptUploadsForTesting, clock);
  }

  public EngineOptions withSourceTimeout(Duration timeout) {
    return new EngineOptions(swarm, tick, uploadQueueBytes, uploadBytesPerSecond, timeout, corruptUploadsForTesting, clock);
  }

  public EngineOptions withCorruptUploadsForTesting(boolean corrupt) {
    return new EngineOptions(swarm, tick, uploadQueueBytes, uploadBytesPerSecond, sourceTimeout, corrupt, clock);
  }

  public EngineOptions withClock(Clock c) {
    return new EngineOptions(swarm, tick, uploadQueueBytes, uploadBytesPerSecond, sourceTimeout, corruptUploadsForTesting, c);
  }
}
