package io.swarmrtc.peer.internal.mesh;

import io.swarmrtc.peer.internal.rtc.IceCandidate;
import io.swarmrtc.peer.internal.rtc.RtcChannel;
import io.swarmrtc.peer.internal.rtc.RtcClosedException;
import io.swarmrtc.peer.internal.rtc.RtcConfig;
import io.swarmrtc.peer.internal.rtc.RtcConnection;
import io.swarmrtc.peer.internal.rtc.RtcRuntime;
import io.swarmrtc.peer.internal.signaling.JsonSignalCodec;
import io.swarmrtc.peer.internal.signaling.SignalCodec;
import io.swarmrtc.peer.internal.signaling.SignalMessage;
import io.swarmrtc.peer.internal.signaling.SignalingClient;
import io.swarmrtc.peer.internal.signaling.SignalingException;
import io.swarmrtc.peer.internal.signaling.SignalingListener;
import io.swarmrtc.peer.internal.util.DaemonThreads;
import io.swarmrtc.peer.internal.util.SerialExecutor;
import java.nio.charset.StandardCharsets;
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
 * others answer (docs/signaling.md). After a resumed reconnect the connections carry on; after a
 * fresh join (new id) they are all replaced.
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
  /** Messages held for a peer whose channels are not all open yet; more means a misbehaving peer. */
  private static final int MAX_EARLY_MESSAGES = 256;

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
  private final Map<String, Link> links = new HashMap<>(); // on strand
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
    LOG.debug("mesh: joined as {} (resumed {}), peers {}", j.peerId(), j.resumed(), j.peers());
    if (!j.resumed()) {
      new ArrayList<>(links.values()).forEach(this::drop); // they knew our old id
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
      j.peers().forEach(p -> link(p, true));
    } else {
      new ArrayList<>(links.values()).stream()
          .filter(l -> !j.peers().contains(l.peerId))
          .forEach(this::drop); // left while we were away
    }
  }

  private Link link(String peerId, boolean initiator) {
    Link l = new Link(peerId);
    links.put(peerId, l);
    rtcConfig.thenAcceptAsync(cfg -> l.open(cfg, initiator), strand);
    timers.schedule(() -> strand.execute(() -> {
      if (links.get(peerId) == l && !l.connected) {
        LOG.info("mesh: {} not connected after {}, dropping", peerId, config.connectTimeout());
        drop(l);
      }
    }), config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    return l;
  }

  private void drop(Link l) {
    if (links.get(l.peerId) == l) {
      links.remove(l.peerId);
    }
    l.close();
  }

  private final class Link {
    final String peerId;
    final SerialExecutor events = new SerialExecutor(runtime.events());
    volatile RtcConnection connection;
    volatile RtcChannel swarm;
    volatile RtcChannel chat;
    volatile MeshPeer handle;
    volatile boolean connected;
    boolean dropped; // on events
    boolean closing; // on strand
    final List<Runnable> early = new ArrayList<>(); // signals that came before `connection`
    final List<Runnable> earlyMessages = new ArrayList<>(); // on events: messages before both channels opened

    Link(String peerId) {
      this.peerId = peerId;
    }

    void open(RtcConfig cfg, boolean initiator) {
      if (closing || closed) {
        return;
      }
      boolean polite = localId.compareTo(peerId) < 0;
      try {
        connection = RtcConnection.open(runtime, cfg, peerId, polite, initiator, new Relay(peerId),
            new RtcConnection.Listener() {
              @Override
              public void onRemoteChannel(RtcConnection c, RtcChannel channel) {
                adopt(channel);
              }

              @Override
              public void onClosed(RtcConnection c) {
                strand.execute(() -> drop(Link.this));
              }
            });
        if (initiator) {
          if (listener.usesSwarmChannel()) {
            adopt(connection.createChannel(SWARM_CHANNEL, true));
          }
          adopt(connection.createChannel(CHAT_CHANNEL, true));
          connection.offer();
        }
      } catch (RtcClosedException e) { // the runtime is shutting down, or the link was dropped
        strand.execute(() -> drop(this));
        return;
      }
      early.forEach(Runnable::run);
      early.clear();
    }

    /** Runs a signal now, or once the connection exists (the ICE server fetch may lag). */
    void withConnection(java.util.function.Consumer<RtcConnection> action) {
      if (connection != null) {
        action.accept(connection);
      } else {
        early.add(() -> action.accept(connection));
      }
    }

    void adopt(RtcChannel channel) {
      synchronized (this) {
        if (SWARM_CHANNEL.equals(channel.label()) && !listener.usesSwarmChannel()) {
          return; // a chat-only mesh leaves the other side's swarm channel alone and unused
        }
        if (SWARM_CHANNEL.equals(channel.label()) && swarm == null) {
          swarm = channel;
        } else if (CHAT_CHANNEL.equals(channel.label()) && chat == null) {
          chat = channel;
        } else {
          LOG.info("mesh: {} opened an unexpected channel {}; closing it", peerId, channel.label());
          channel.close();
          return;
        }
      }
      channel.setListener(new RtcChannel.Listener() {
        @Override
        public void onOpen(RtcChannel ch) {
          events.execute(Link.this::maybeConnected);
        }

        @Override
        public void onMessage(RtcChannel ch, byte[] data, boolean binary) {
          events.execute(() -> message(ch, data, binary));
        }

        @Override
        public void onClose(RtcChannel ch) {
          if (ch.closeReason() != null) {
            LOG.warn("mesh: dropping {}: {}", peerId, ch.closeReason());
          }
          strand.execute(() -> drop(Link.this)); // a peer without both channels is no use
        }
      });
    }

    // on events
    void maybeConnected() {
      RtcChannel s;
      RtcChannel c;
      synchronized (this) {
        s = swarm;
        c = chat;
      }
      boolean needSwarm = listener.usesSwarmChannel();
      if (connected || dropped || c == null || !c.isOpen() || (needSwarm && (s == null || !s.isOpen()))) {
        return;
      }
      handle = new MeshPeer(peerId, connection, needSwarm ? s : null, c);
      connected = true;
      PeerMesh.this.connected.put(peerId, handle);
      listener.onPeerConnected(handle);
      List<Runnable> held = new ArrayList<>(earlyMessages);
      earlyMessages.clear();
      held.forEach(Runnable::run);
    }

    // on events
    void message(RtcChannel ch, byte[] data, boolean binary) {
      if (dropped) {
        return;
      }
      if (!connected) { // one channel may open and carry messages before the other opens here
        if (earlyMessages.size() >= MAX_EARLY_MESSAGES) {
          LOG.info("mesh: {} sent {} messages before connecting; dropping it", peerId, earlyMessages.size());
          strand.execute(() -> drop(Link.this));
        } else {
          earlyMessages.add(() -> message(ch, data, binary));
        }
        return;
      }
      if (ch == swarm) {
        if (binary) {
          listener.onSwarmMessage(handle, data);
        } else {
          LOG.debug("mesh: text on the swarm channel from {}; ignored", peerId);
        }
      } else {
        listener.onChatText(handle, new String(data, StandardCharsets.UTF_8));
      }
    }

    // on strand
    void close() {
      if (closing) {
        return;
      }
      closing = true;
      if (connection != null) {
        connection.close();
      }
      events.execute(() -> {
        if (!dropped) {
          dropped = true;
          if (connected) {
            PeerMesh.this.connected.remove(peerId, handle);
            listener.onPeerDisconnected(handle);
          }
        }
      });
    }
  }

  /** Sends one connection's offers, answers and candidates to its peer via signaling. */
  private final class Relay implements RtcConnection.Signals {
    private final String peerId;

    Relay(String peerId) {
      this.peerId = peerId;
    }

    @Override
    public void sendOffer(String sdp) {
      signaling.sendOffer(peerId, sdp);
    }

    @Override
    public void sendAnswer(String sdp) {
      signaling.sendAnswer(peerId, sdp);
    }

    @Override
    public void sendCandidate(IceCandidate candidate) {
      signaling.sendCandidate(peerId, candidate);
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
        Link l = links.get(peerId);
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
        Link l = links.get(from);
        if (l == null) {
          l = link(from, false);
        }
        l.withConnection(c -> c.handleOffer(sdp));
      });
    }

    @Override
    public void onAnswer(String from, String sdp) {
      strand.execute(() -> {
        Link l = links.get(from);
        if (l != null) {
          l.withConnection(c -> c.handleAnswer(sdp));
        }
      });
    }

    @Override
    public void onCandidate(String from, IceCandidate candidate) {
      strand.execute(() -> {
        Link l = links.get(from);
        if (l != null) {
          l.withConnection(c -> c.handleCandidate(candidate));
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
