package io.swarmrtc.peer.internal.mesh;

import io.swarmrtc.peer.internal.rtc.IceCandidate;
import io.swarmrtc.peer.internal.rtc.IceFailure;
import io.swarmrtc.peer.internal.rtc.RtcConfig;
import io.swarmrtc.peer.internal.rtc.RtcRuntime;
import io.swarmrtc.peer.internal.signaling.JsonSignalCodec;
import io.swarmrtc.peer.internal.signaling.SignalCodec;
import io.swarmrtc.peer.internal.signaling.SignalMessage;
import io.swarmrtc.peer.internal.signaling.SignalingClient;
import io.swarmrtc.peer.internal.signaling.SignalingException;
import io.swarmrtc.peer.internal.signaling.SignalingListener;
import io.swarmrtc.peer.internal.util.DaemonThreads;
import io.swarmrtc.peer.internal.util.SerialExecutor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room of peers: joins through the signaling client and keeps one peer connection per remote
 * peer, each with the channels {@code swarm} (binary) and {@code chat} (text).
 *
 * <p>The newcomer offers to every peer listed in {@code joined} and creates the channels; the
 * others answer (docs/signaling.md). When the signaling server goes away, connected peers carry
 * on; the mesh reconnects (with backoff) and rejoins, resuming its id when the server still knows
 * it. After a fresh join (a restarted server gives everyone new ids) the connected peers are kept
 * under the ids they had; connections still negotiating are dropped, and peers now in the room
 * are offered to as usual. A failed connection, or one that never came up within the connect
 * timeout, is reported with its likely cause ({@link Listener#onPeerUnreachable}).
 *
 * <pre>{@code
 * PeerMesh mesh = new PeerMesh(MeshConfig.of(signaling, rtc), listener);
 * String me = mesh.start().get(10, SECONDS);
 * // listener.onPeerConnected(peer) -> peer.swarm().send(bytes)
 * mesh.close();
 * }</pre>
 *
 * <p>Per remote peer, events are delivered in order on one serial executor: {@code onPeerConnected}
 * first, then its messages, then {@code onPeerDisconnected} (only if it was connected). Different
 * peers' events may run concurrently. Callbacks must not block for long.
 */
public final class PeerMesh implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PeerMesh.class);
  public static final String SWARM_CHANNEL = "swarm";
  public static final String CHAT_CHANNEL = "chat";

  /** Mesh events. */
  public interface Listener {
    default void onPeerConnected(MeshPeer peer) {}

    default void onPeerDisconnected(MeshPeer peer) {}

    /** One swarm message (one data-channel message); the array is the caller's to keep. */
    default void onSwarmMessage(MeshPeer peer, byte[] message) {}

    /** One chat-channel message, as text (docs/swarm-protocol.md: JSON). */
    default void onChatText(MeshPeer peer, String text) {}

    /**
     * Whether this mesh uses the {@code swarm} channel. A chat-only mesh (false) creates and waits
     * for the {@code chat} channel only, as browsers' chat pages do, and ignores a {@code swarm}
     * channel from the other side.
     */
    default boolean usesSwarmChannel() {
      return true;
    }

    /**
     * A connection to {@code peerId} failed (ICE restarts did not help) or never came up; the
     * failure names the likely cause (e.g. our TURN credentials were rejected). At most once per
     * connection; {@code onPeerDisconnected} follows if it had connected.
     */
    default void onPeerUnreachable(String peerId, IceFailure failure) {}

    /** The signaling socket is lost; the mesh is reconnecting. Connected peers carry on. */
    default void onSignalingLost(String reason) {}

    /** Back in the room after {@link #onSignalingLost}; {@code resumed}: with the same peer id. */
    default void onSignalingRestored(boolean resumed) {}

    /** The mesh is closed: by {@link #close()} or because signaling gave up. Called once. */
    default void onClosed(Throwable cause) {}
  }

  private final MeshConfig config;
  private final Listener listener;
  private final RtcRuntime runtime;
  private final SignalingClient signaling;
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(new DaemonThreads("mesh-timers"));
  private final SerialExecutor strand;
  private final Map<String, MeshLink> links = new HashMap<>(); // on strand
  private final MeshLink.Host host = new Host();
  private boolean everJoined; // on strand
  private final Map<String, MeshPeer> connected = new ConcurrentHashMap<>();
  private CompletableFuture<RtcConfig> rtcConfig; // on strand; set per identity
  private volatile String localId;
  private volatile boolean closed;
  private final CompletableFuture<Void> closedEvent = new CompletableFuture<>();

  public PeerMesh(MeshConfig config, Listener listener) {
    this(config, listener, new JsonSignalCodec());
  }

  public PeerMesh(MeshConfig config, Listener listener, SignalCodec codec) {
    this.config = config;
    this.listener = listener;
    this.runtime = RtcRuntime.acquire();
    this.strand = new SerialExecutor(runtime.events());
    this.signaling = new SignalingClient(config.signaling(), codec, new Signals());
  }

  /** Joins the room; completes with this peer's id, or fails with a SignalingException. */
  public CompletableFuture<String> start() {
    return signaling.connect().thenApply(j -> {
      localId = j.peerId(); // also set here: callers may read localId() as soon as this completes
      return j.peerId();
    });
  }

  /** This peer's id, or null before joining. */
  public String localId() {
    return localId;
  }

  /** The peers connected right now (reported by onPeerConnected and not yet disconnected). */
  public List<MeshPeer> connectedPeers() {
    return List.copyOf(connected.values());
  }

  /** The ids the mesh's links (connected or not) are keyed by now: for tests and diagnostics. */
  java.util.Set<String> linkedPeerIds() {
    CompletableFuture<java.util.Set<String>> ids = new CompletableFuture<>();
    strand.execute(() -> ids.complete(java.util.Set.copyOf(links.keySet())));
    return ids.join();
  }

  /** Leaves the room and closes every connection. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    signaling.close();
    CompletableFuture<Void> linksClosed = new CompletableFuture<>();
    strand.execute(() -> {
      new ArrayList<>(links.values()).forEach(this::drop);
      linksClosed.complete(null);
    });
    try {
      linksClosed.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("mesh: links did not close in time", e);
    }
    timers.shutdownNow();
    runtime.release();
    fireClosed(null);
  }

  private void fireClosed(Throwable cause) {
    if (closedEvent.complete(null)) {
      listener.onClosed(cause);
    }
  }

  // ---- on strand ----

  private void joined(SignalMessage.Joined j) {
    if (closed) {
      return;
    }
    localId = j.peerId();
    boolean rejoin = everJoined;
    everJoined = true;
    LOG.debug("mesh: joined as {} (resumed {}), peers {}", j.peerId(), j.resumed(), j.peers());
    if (!j.resumed()) {
      // A fresh identity: negotiations under way are void (they were signaled under the old id),
      // but established connections need no signaling and carry on under the ids we knew.
      new ArrayList<>(links.values()).stream().filter(l -> !l.isConnected()).forEach(this::drop);
      rtcConfig = config.iceServerSource() == null
          ? CompletableFuture.completedFuture(config.rtc())
          : config.iceServerSource().apply(j.peerId())
              .thenApply(servers -> {
                LOG.debug("mesh: {} ICE server(s) from the server", servers.size());
                return config.rtc().toBuilder().iceServers(servers).build();
              })
              .exceptionally(t -> {
                LOG.warn("mesh: cannot fetch ICE servers, using the configured ones: {}", t.toString());
                return config.rtc();
              });
      if (rejoin) {
        links.values().forEach(l -> {
          l.ids(j.peerId());
          l.announce(j.peerId());
        });
      }
      j.peers().stream().filter(p -> !links.containsKey(p)).forEach(p -> link(p, true));
    } else {
      new ArrayList<>(links.values()).stream()
          .filter(l -> !j.peers().contains(l.peerId))
          .forEach(this::drop); // left while we were away
    }
    if (rejoin) {
      listener.onSignalingRestored(j.resumed());
    }
  }

  private MeshLink link(String peerId, boolean initiator) {
    MeshLink l = new MeshLink(peerId, host);
    links.put(peerId, l);
    rtcConfig.thenAcceptAsync(cfg -> l.open(localId, cfg, initiator, MeshLink.relay(signaling, l)), strand);
    timers.schedule(() -> strand.execute(() -> {
      if (links.get(peerId) == l && !l.isConnected()) {
        String what = peerId + " not connected within " + config.connectTimeout().toSeconds() + " s";
        LOG.info("mesh: {}, dropping", what);
        l.reportUnreachable(what);
        drop(l);
      }
    }), config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    return l;
  }

  private void drop(MeshLink l) {
    if (links.get(l.peerId) == l) {
      links.remove(l.peerId);
    }
    l.close();
  }

  /** What the links need from the mesh. */
  private final class Host implements MeshLink.Host {
    @Override
    public Listener listener() {
      return listener;
    }

    @Override
    public RtcRuntime runtime() {
      return runtime;
    }

    @Override
    public void onStrand(Runnable task) {
      strand.execute(task);
    }

    @Override
    public void drop(MeshLink link) {
      PeerMesh.this.drop(link);
    }

    @Override
    public void connected(MeshLink link, MeshPeer peer) {
      PeerMesh.this.connected.put(link.peerId, peer);
    }

    @Override
    public void disconnected(MeshLink link, MeshPeer peer) {
      PeerMesh.this.connected.remove(peer.id(), peer);
    }

    @Override
    public boolean closed() {
      return closed;
    }

    @Override
    public void renamed(MeshLink link, String newId) {
      strand.execute(() -> rename(link, newId));
    }
  }

  /**
   * A kept connection's peer got a new id from a restarted server. If we already opened a second
   * connection to that id (we met it in the room before its message came), the established one
   * wins and the new one is dropped: both sides decide the same way.
   */
  private void rename(MeshLink link, String newId) {
    if (closed || links.get(link.peerId) != link || link.peerId.equals(newId)) {
      return;
    }
    MeshLink duplicate = links.get(newId);
    if (duplicate != null) {
      LOG.info("mesh: {} is {} now; closing the second connection to it", link.peerId, newId);
      links.remove(newId);
      duplicate.close();
    }
    LOG.debug("mesh: {} is known as {} now", link.peerId, newId);
    links.remove(link.peerId);
    link.peerId = newId;
    links.put(newId, link);
    if (localId != null) {
      link.ids(localId);
    }
  }

  /** Signaling events, moved onto the mesh's strand. */
  private final class Signals implements SignalingListener {
    @Override
    public void onJoined(SignalMessage.Joined joined) {
      localId = joined.peerId();
      strand.execute(() -> PeerMesh.this.joined(joined));
    }

    @Override
    public void onPeerLeft(String peerId) {
      strand.execute(() -> {
        MeshLink l = links.get(peerId);
        if (l != null) {
          drop(l);
        }
      });
    }

    @Override
    public void onOffer(String from, String sdp) {
      strand.execute(() -> {
        if (closed || rtcConfig == null) {
          return;
        }
        MeshLink l = links.get(from);
        if (l != null && l.isForeignOffer(sdp)) {
          // A second connection from a peer we are connected to (after a server restart): ours
          // stays; the other side closes its attempt once our peer-id message tells it who we are.
          LOG.info("mesh: {} offered a second connection; keeping the established one", from);
          return;
        }
        if (l == null) {
          l = link(from, false);
        }
        l.withConnection(c -> c.handleOffer(sdp));
      });
    }

    @Override
    public void onAnswer(String from, String sdp) {
      strand.execute(() -> {
        MeshLink l = links.get(from);
        if (l != null) {
          l.withConnection(c -> c.handleAnswer(sdp));
        }
      });
    }

    @Override
    public void onCandidate(String from, IceCandidate candidate) {
      strand.execute(() -> {
        MeshLink l = links.get(from);
        if (l != null) {
          l.withConnection(c -> c.handleCandidate(candidate));
        }
      });
    }

    @Override
    public void onDisconnected(SignalingException cause) {
      strand.execute(() -> {
        if (!closed) {
          listener.onSignalingLost(cause.getMessage());
        }
      });
    }

    @Override
    public void onClosed(SignalingException cause) {
      if (!closed) {
        LOG.warn("mesh: signaling gave up: {}", cause.getMessage());
        fireClosed(cause);
        close();
      }
    }
  }
}
