package io.swarmrtc.peer.internal.mesh;

import io.swarmrtc.peer.internal.rtc.IceServer;
import io.swarmrtc.peer.internal.rtc.RtcConfig;
import io.swarmrtc.peer.internal.signaling.SignalingConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Settings of a {@link PeerMesh}.
 *
 * @param signaling where and how to join
 * @param rtc connection settings; its ICE servers are used unless {@code iceServerSource} is set
 * @param iceServerSource given this peer's id, fetches the ICE servers (e.g. from
 *     {@code /api/ice-servers}); null to use {@code rtc.iceServers()} as they are
 * @param connectTimeout a peer not connected (both channels open) within this time is dropped
 */
public record MeshConfig(
    SignalingConfig signaling,
    RtcConfig rtc,
    Function<String, CompletableFuture<List<IceServer>>> iceServerSource,
    Duration connectTimeout) {

  public MeshConfig {
    Objects.requireNonNull(signaling, "signaling");
    Objects.requireNonNull(rtc, "rtc");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
  }

  /** With fixed ICE servers from {@code rtc} and a 30 s connect timeout. */
  public static MeshConfig of(SignalingConfig signaling, RtcConfig rtc) {
    return new MeshConfig(signaling, rtc, null, Duration.ofSeconds(30));
  }
}
