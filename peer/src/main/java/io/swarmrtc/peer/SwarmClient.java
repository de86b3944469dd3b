package io.swarmrtc.peer;

import io.swarmrtc.peer.internal.ClientSettings;
import io.swarmrtc.peer.internal.chat.MeshChatRoom;
import io.swarmrtc.peer.internal.rtc.IceServer;
import io.swarmrtc.peer.internal.rtc.RtcConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Java peer of swarmrtc: chat with, share files to and download files from the peers of a
 * room, through a swarmrtc signaling server. Immutable once built; thread-safe.
 *
 * <pre>{@code
 * try (SwarmClient client = SwarmClient.builder(URI.create("http://localhost:8080")).build();
 *      ChatRoom room = client.chat(RoomJoin.of("team-42"), m -> System.out.println(m.from() + ": " + m.text()))) {
 *   room.send("hello");
 * }
 * }</pre>
 *
 * <p>Closing the client closes everything it opened; when the last client in the process closes,
 * the native WebRTC stack shuts down so the JVM can exit.
 */
public final class SwarmClient implements AutoCloseable {
  private final ClientSettings settings;
  private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private SwarmClient(ClientSettings settings) {
    this.settings = settings;
  }

  /** @param server the server's origin, e.g. {@code http://localhost:8080} */
  public static Builder builder(URI server) {
    return new Builder(server);
  }

  /** The server's origin. */
  public URI server() {
    return settings.server();
  }

  /**
   * Joins {@code join.room()} for chat. Returns once joined; peers connect in the background and
   * are reported to {@link ChatListener#onPeerJoined}.
   *
   * @throws SwarmException JOIN_FAILED (the cause is a signaling error with its code, e.g.
   *     BAD_PASSWORD), TIMEOUT, or CLOSED
   */
  public ChatRoom chat(RoomJoin join, ChatListener listener) {
    checkOpen();
    MeshChatRoom room = MeshChatRoom.join(settings.meshConfig(join), settings.joinTimeout(), settings.clock(), listener,
        open::remove);
    open.add(room);
    if (closed) {
      room.close();
      checkOpen();
    }
    return room;
  }

  /**
   * Shares local files with a room: hashes them into a manifest, joins the room and serves every
   * piece to peers who ask. The returned {@link Share} carries the URL to hand out.
   *
   * @param join the room to share in
   * @param paths files or directories; directories are shared with their relative paths
   * @throws UnsupportedOperationException until the swarm engine lands
   */
  public Share share(RoomJoin join, List<Path> paths) {
    checkOpen();
    Objects.requireNonNull(paths, "paths");
    throw new UnsupportedOperationException("swarm engine lands next");
  }

  /**
   * Downloads the content of a share URL into {@code dir}: joins its room, fetches and checks the
   * manifest against the URL's content id, then pieces from every peer that has them, verifying
   * each. Files appear under their final names only when complete; an interrupted download
   * resumes from its {@code .swarmrtc-state} file.
   *
   * @param shareUrl {@code {origin}/download.html#room=<room>&content=<content id>}
   * @param dir the directory to download into
   * @throws UnsupportedOperationException until the swarm engine lands
   */
  public Download download(URI shareUrl, Path dir) {
    checkOpen();
    Objects.requireNonNull(shareUrl, "shareUrl");
    Objects.requireNonNull(dir, "dir");
    throw new UnsupportedOperationException("swarm engine lands next");
  }

  /** Closes every room, share and download this client opened. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (AutoCloseable c : new ArrayList<>(open)) {
      try {
        c.close();
      } catch (Exception e) {
        // keep closing the others
      }
    }
    open.clear();
  }

  private void checkOpen() {
    if (closed) {
      throw new SwarmException(SwarmException.Code.CLOSED, "client is closed", null);
    }
  }

  /** Builds a {@link SwarmClient}. */
  public static final class Builder {
    private final URI server;
    private List<IceServerConfig> iceServers;
    private long lowWatermark = 256 << 10;
    private long highWatermark = 1 << 20;
    private Duration joinTimeout = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(30);
    private boolean relayOnly;
    private Clock clock = Clock.systemUTC();

    private Builder(URI server) {
      this.server = Objects.requireNonNull(server, "server");
    }

    /** Use these STUN/TURN servers instead of asking the server's {@code /api/ice-servers}. */
    public Builder iceServers(List<IceServerConfig> servers) {
      this.iceServers = List.copyOf(servers);
      return this;
    }

    /** Send-buffer watermarks per data channel (defaults 256 KiB / 1 MiB). */
    public Builder sendWatermarks(long low, long high) {
      this.lowWatermark = low;
      this.highWatermark = high;
      return this;
    }

    /** How long joining a room may take (default 10 s). */
    public Builder joinTimeout(Duration timeout) {
      this.joinTimeout = timeout;
      return this;
    }

    /** How long a peer may take to connect before it is dropped (default 30 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /** Only relay (TURN) candidates: hides this peer's addresses from the others. */
    public Builder relayOnly(boolean relayOnly) {
      this.relayOnly = relayOnly;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** @throws IllegalArgumentException for an invalid combination (e.g. watermarks) */
    public SwarmClient build() {
      List<IceServer> overrides = iceServers == null ? null : iceServers.stream()
          .map(s -> new IceServer(s.urls(), s.username(), s.credential())).toList();
      RtcConfig rtc = RtcConfig.builder().watermarks(lowWatermark, highWatermark).relayOnly(relayOnly).build();
      return new SwarmClient(new ClientSettings(server, overrides, rtc, joinTimeout, connectTimeout, clock));
    }
  }
}
