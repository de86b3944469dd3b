package io.swarmrtc.peer.internal;

import io.swarmrtc.peer.RoomJoin;
import io.swarmrtc.peer.internal.mesh.MeshConfig;
import io.swarmrtc.peer.internal.rtc.IceServer;
import io.swarmrtc.peer.internal.rtc.RtcConfig;
import io.swarmrtc.peer.internal.signaling.IceServersClient;
import io.swarmrtc.peer.internal.signaling.SignalingConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@code SwarmClient} was configured with, turned into the internal configs. The
 * engine built on the mesh takes its {@link MeshConfig} from {@link #meshConfig(RoomJoin)}.
 *
 * @param server the server's HTTP(S) origin, e.g. {@code http://127.0.0.1:8080}
 * @param iceOverrides ICE servers to use instead of {@code /api/ice-servers}; null to fetch them
 */
public record ClientSettings(URI server, List<IceServer> iceOverrides, RtcConfig rtc,
    Duration joinTimeout, Duration connectTimeout, Clock clock) {

  public ClientSettings {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(rtc, "rtc");
    Objects.requireNonNull(joinTimeout, "joinTimeout");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(clock, "clock");
    if (!"http".equals(server.getScheme()) && !"https".equals(server.getScheme())) {
      throw new IllegalArgumentException("server URI must be http:// or https://: " + server);
    }
    iceOverrides = iceOverrides == null ? null : List.copyOf(iceOverrides);
  }

  /** {@code ws(s)://host:port/ws}. */
  public URI signalingUri() {
    String scheme = "https".equals(server.getScheme()) ? "wss" : "ws";
    return URI.create(scheme + "://" + server.getRawAuthority() + "/ws");
  }

  /** {@code http(s)://host:port/api/ice-servers}. */
  public URI iceServersUri() {
    return URI.create(server.getScheme() + "://" + server.getRawAuthority() + "/api/ice-servers");
  }

  public MeshConfig meshConfig(RoomJoin join) {
    SignalingConfig signaling = SignalingConfig.builder(signalingUri(), join.room())
        .password(join.password())
        .token(join.token())
        .connectTimeout(joinTimeout)
        .clock(clock)
        .build();
    if (iceOverrides != null) {
      return new MeshConfig(signaling, rtc.toBuilder().iceServers(iceOverrides).build(), null, connectTimeout);
    }
    IceServersClient ice = new IceServersClient(iceServersUri());
    return new MeshConfig(signaling, rtc, ice::fetch, connectTimeout);
  }
}
