package io.swarmrtc.peer;

import io.swarmrtc.peer.internal.ClientSettings;
import io.swarmrtc.peer.internal.engine.EngineDownload;
import io.swarmrtc.peer.internal.engine.EngineOptions;
import io.swarmrtc.peer.internal.engine.EngineShare;
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
 * <p>Share files and download them (also with browsers on the same server):
 *
 * <pre>{@code
 * try (SwarmClient client = SwarmClient.builder(URI.create("https://swarm.example")).build()) {
 *   Share share = client.share(List.of(Path.of("holiday.mp4")));
 *   String url = share.url().toString();   // open it in a browser, or:
 *   Download d = client.download(URI.create(url), Path.of("downloads"));
 *   DownloadResult r = d.completion().get();
 * }
 * }</pre>
 *
 * <p>Closing the client closes everything it opened; when the last client in the process closes,
 * the native WebRTC stack shuts down so the JVM can exit.
 */
public final class SwarmClient implements AutoCloseable {
  private final ClientSettings settings;
  private final EngineOptions engineOptions;
  private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private SwarmClient(ClientSettings settings, EngineOptions engineOptions) {
    this.settings = settings;
    this.engineOptions = engineOptions;
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
   * Shares local files in a new room with a random name: hashes them into a manifest, joins and
   * serves every piece to peers who ask, until the share is closed. Returns once joined.
   *
   * <pre>{@code
   * Share share = client.share(List.of(Path.of("report.pdf")));
   * System.out.println(share.url()); // http://host:8080/download.html#room=...&content=...
   * }</pre>
   *
   * @param paths files or directories; a directory is shared with every file below it
   * @throws SwarmException STORAGE (unreadable files), JOIN_FAILED, TIMEOUT or CLOSED
   */
  public Share share(List<Path> paths) {
    return share(RoomJoin.of(RandomRoom.next()), paths);
  }

  /** Like {@link #share(List)}, with notices for {@code listener} (see {@link #share(RoomJoin, List, ProgressListener)}). */
  public Share share(List<Path> paths, ProgressListener listener) {
    return share(RoomJoin.of(RandomRoom.next()), paths, listener);
  }

  /** Like {@link #share(List)}, in the given room. */
  public Share share(RoomJoin join, List<Path> paths) {
    return share(join, paths, ProgressListener.none());
  }

  /**
   * Like {@link #share(List)}, in the given room, telling {@code listener} what the user should know
   * while seeding ({@link ProgressListener#onNotice}: a peer that cannot be reached and why, the
   * signaling server lost and back). A share has no progress to report; it is all there.
   */
  public Share share(RoomJoin join, List<Path> paths, ProgressListener listener) {
    checkOpen();
    Objects.requireNonNull(join, "join");
    Objects.requireNonNull(paths, "paths");
    Objects.requireNonNull(listener, "listener");
    EngineShare share = EngineShare.start(settings, engineOptions, join, paths, listener, open::remove);
    return register(share);
  }

  /** Like {@link #download(URI, Path, ProgressListener)} without a progress listener. */
  public Download download(URI shareUrl, Path dir) {
    return download(shareUrl, dir, ProgressListener.none());
  }

  /**
   * Downloads the content of a share URL into {@code dir}: joins its room (through this client's
   * server), fetches the manifest from peers and checks it against the URL's content id, then
   * fetches pieces from every peer that has them, verifying each, and serves what it has to others.
   * Files appear under their final names only when complete. A download interrupted in any way
   * (even SIGKILL) resumes when started again into the same directory: verified pieces are never
   * fetched again. Returns at once; watch {@link Download#completion()}.
   *
   * <pre>{@code
   * try (Download d = client.download(URI.create(url), Path.of("."),
   *     s -> System.out.printf("%.0f%% %.1f MB/s%n", 100 * s.fraction(), s.downloadBytesPerSecond() / 1e6))) {
   *   List<Path> files = d.completion().get().files();
   * }
   * }</pre>
   *
   * @param shareUrl {@code {origin}/download.html#room=<room>&content=<content id>}
   * @param dir the directory to download into (created if missing)
   * @throws SwarmException BAD_URL, STORAGE or CLOSED at once; later failures complete the future
   */
  public Download download(URI shareUrl, Path dir, ProgressListener progress) {
    checkOpen();
    Objects.requireNonNull(shareUrl, "shareUrl");
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(progress, "progress");
    return register(EngineDownload.start(settings, engineOptions, shareUrl, dir, progress, open::remove));
  }

  private <T extends AutoCloseable> T register(T resource) {
    open.add(resource);
    if (closed) {
      try {
        resource.close();
      } catch (Exception e) {
        // closing anyway
      }
      checkOpen();
    }
    return resource;
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
    private long lowWatermark = 768 << 10;
    private long highWatermark = 1 << 20;
    private Duration joinTimeout = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(30);
    private boolean relayOnly;
    private Clock clock = Clock.systemUTC();
    private long uploadBytesPerSecond;
    private Duration sourceTimeout = Duration.ofSeconds(60);
    private boolean corruptUploads;

    private Builder(URI server) {
      this.server = Objects.requireNonNull(server, "server");
    }

    /** Use these STUN/TURN servers instead of asking the server's {@code /api/ice-servers}. */
    public Builder iceServers(List<IceServerConfig> servers) {
      this.iceServers = List.copyOf(servers);
      return this;
    }

    /**
     * Send-buffer watermarks per data channel (defaults 768 KiB / 1 MiB: the buffer is polled, so a
     * low watermark close to the high one tops it up at every poll and it never runs dry between).
     */
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

    /** Caps the upload rate over all shares and downloads of this client (bytes/s; 0 = no cap, the default). */
    public Builder uploadRateLimit(long bytesPerSecond) {
      if (bytesPerSecond < 0) {
        throw new IllegalArgumentException("uploadRateLimit must not be negative");
      }
      this.uploadBytesPerSecond = bytesPerSecond;
      return this;
    }

    /**
     * A download fails with {@link SwarmException.Code#NO_SOURCE} after this long without a
     * connected peer sharing the content (default 60 s; zero waits forever), or with {@link
     * SwarmException.Code#UNREACHABLE} if connections to peers were tried and failed meanwhile.
     */
    public Builder sourceTimeout(Duration timeout) {
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("sourceTimeout must not be negative");
      }
      this.sourceTimeout = timeout;
      return this;
    }

    /**
     * Test hook, off by default: every block this client uploads is corrupted, so tests can prove
     * that receivers detect and ban a bad peer. Never enable it outside tests.
     */
    public Builder corruptUploadsForTesting(boolean corrupt) {
      this.corruptUploads = corrupt;
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
      EngineOptions engine = EngineOptions.defaults().withClock(clock).withUploadLimit(uploadBytesPerSecond)
          .withSourceTimeout(sourceTimeout).withCorruptUploadsForTesting(corruptUploads);
      return new SwarmClient(new ClientSettings(server, overrides, rtc, joinTimeout, connectTimeout, clock), engine);
    }
  }
}
