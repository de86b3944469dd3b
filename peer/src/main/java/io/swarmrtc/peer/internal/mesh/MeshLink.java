package io.swarmrtc.peer.internal.mesh;

import io.swarmrtc.peer.internal.rtc.IceCandidate;
import io.swarmrtc.peer.internal.rtc.IceFailure;
import io.swarmrtc.peer.internal.rtc.RtcChannel;
import io.swarmrtc.peer.internal.rtc.RtcClosedException;
import io.swarmrtc.peer.internal.rtc.RtcConfig;
import io.swarmrtc.peer.internal.rtc.RtcConnection;
import io.swarmrtc.peer.internal.rtc.RtcRuntime;
import io.swarmrtc.peer.internal.util.SerialExecutor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PeerMesh}'s connection to one remote peer: the peer connection, its {@code swarm} and
 * {@code chat} channels, and the ordered events the mesh's listener sees for that peer.
 * {@link #open}, {@link #close} and the {@code early} list run on the mesh's strand; channel events
 * run on this link's own serial executor.
 */
final class MeshLink {
  private static final Logger LOG = LoggerFactory.getLogger(MeshLink.class);
  /** Messages held for a peer whose channels are not all open yet; more means a misbehaving peer. */
  private static final int MAX_EARLY_MESSAGES = 256;

  /** What a link needs from its mesh. */
  interface Host {
    PeerMesh.Listener listener();

    RtcRuntime runtime();

    /** Runs on the mesh's strand. */
    void onStrand(Runnable task);

    /** Drops this link (on the strand): removes it from the mesh and closes it. */
    void drop(MeshLink link);

    void connected(MeshLink link, MeshPeer peer);

    void disconnected(MeshLink link, MeshPeer peer);

    /** The mesh's closed flag. */
    boolean closed();

    /** The other side says the signaling server knows it as {@code newId} now (on this link's events). */
    void renamed(MeshLink link, String newId);
  }

  /** The peer id the other side is known by now; it changes when the signaling server restarts. */
  volatile String peerId;
  private final Host host;
  private final SerialExecutor events;
  private volatile RtcConnection connection;
  private volatile RtcChannel swarm;
  private volatile RtcChannel chat;
  private volatile MeshPeer handle;
  private volatile boolean connected;
  private volatile boolean failureReported;
  private boolean dropped; // on events
  private boolean closing; // on strand
  private final List<Runnable> early = new ArrayList<>(); // signals that came before `connection`
  private final List<Runnable> earlyMessages = new ArrayList<>(); // on events: messages before both channels opened

  MeshLink(String peerId, Host host) {
    this.peerId = peerId;
    this.host = host;
    this.events = new SerialExecutor(host.runtime().events());
  }

  boolean isConnected() {
    return connected;
  }

  void open(String localId, RtcConfig cfg, boolean initiator, RtcConnection.Signals signals) {
    if (closing || host.closed()) {
      return;
    }
    boolean polite = localId.compareTo(peerId) < 0;
    PeerMesh.Listener listener = host.listener();
    try {
      connection = RtcConnection.open(host.runtime(), cfg, peerId, polite, initiator, signals,
          new RtcConnection.Listener() {
            @Override
            public void onRemoteChannel(RtcConnection c, RtcChannel channel) {
              adopt(channel);
            }

            @Override
            public void onFailed(RtcConnection c, IceFailure failure) {
              reportFailure(failure);
            }

            @Override
            public void onClosed(RtcConnection c) {
              host.onStrand(() -> host.drop(MeshLink.this));
            }
          });
      if (initiator) {
        if (listener.usesSwarmChannel()) {
          adopt(connection.createChannel(PeerMesh.SWARM_CHANNEL, true));
        }
        adopt(connection.createChannel(PeerMesh.CHAT_CHANNEL, true));
        connection.offer();
      }
    } catch (RtcClosedException e) { // the runtime is shutting down, or the link was dropped
      host.onStrand(() -> host.drop(this));
      return;
    }
    early.forEach(Runnable::run);
    early.clear();
  }

  /** Runs a signal now, or once the connection exists (the ICE server fetch may lag). On strand. */
  void withConnection(Consumer<RtcConnection> action) {
    if (connection != null) {
      action.accept(connection);
    } else {
      early.add(() -> action.accept(connection));
    }
  }

  /**
   * Whether an offer for this peer belongs to another connection than our established one: the
   * peer opened a second connection because it met our new id in the room before our peer-id
   * message reached it. On the strand.
   */
  boolean isForeignOffer(String sdp) {
    RtcConnection c = connection;
    return connected && c != null && !c.isSameSession(sdp);
  }

  /** Reports once why this peer cannot be reached: {@code what} plus the likely cause. */
  void reportUnreachable(String what) {
    RtcConnection c = connection;
    if (c != null) {
      reportFailure(c.diagnose(what));
    }
  }

  private void reportFailure(IceFailure failure) {
    if (!failureReported) {
      failureReported = true;
      String id = peerId;
      events.execute(() -> host.listener().onPeerUnreachable(id, failure));
    }
  }

  private void adopt(RtcChannel channel) {
    PeerMesh.Listener listener = host.listener();
    synchronized (this) {
      if (PeerMesh.SWARM_CHANNEL.equals(channel.label()) && !listener.usesSwarmChannel()) {
        return; // a chat-only mesh leaves the other side's swarm channel alone and unused
      }
      if (PeerMesh.SWARM_CHANNEL.equals(channel.label()) && swarm == null) {
        swarm = channel;
      } else if (PeerMesh.CHAT_CHANNEL.equals(channel.label()) && chat == null) {
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
        events.execute(MeshLink.this::maybeConnected);
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
        host.onStrand(() -> host.drop(MeshLink.this)); // a peer without both channels is no use
      }
    });
  }

  // on events
  private void maybeConnected() {
    RtcChannel s;
    RtcChannel c;
    synchronized (this) {
      s = swarm;
      c = chat;
    }
    boolean needSwarm = host.listener().usesSwarmChannel();
    if (connected || dropped || c == null || !c.isOpen() || (needSwarm && (s == null || !s.isOpen()))) {
      return;
    }
    handle = new MeshPeer(peerId, connection, needSwarm ? s : null, c);
    connected = true;
    host.connected(this, handle);
    host.listener().onPeerConnected(handle);
    List<Runnable> held = new ArrayList<>(earlyMessages);
    earlyMessages.clear();
    held.forEach(Runnable::run);
  }

  // on events
  private void message(RtcChannel ch, byte[] data, boolean binary) {
    if (dropped) {
      return;
    }
    if (!connected) { // one channel may open and carry messages before the other opens here
      if (earlyMessages.size() >= MAX_EARLY_MESSAGES) {
        LOG.info("mesh: {} sent {} messages before connecting; dropping it", peerId, earlyMessages.size());
        host.onStrand(() -> host.drop(this));
      } else {
        earlyMessages.add(() -> message(ch, data, binary));
      }
      return;
    }
    PeerMesh.Listener listener = host.listener();
    if (ch == swarm) {
      if (binary) {
        listener.onSwarmMessage(handle, data);
      } else {
        LOG.debug("mesh: text on the swarm channel from {}; ignored", peerId);
      }
    } else {
      String text = new String(data, StandardCharsets.UTF_8);
      java.util.Optional<String> newId = PeerIdMessage.decode(text);
      if (newId.isPresent()) {
        host.renamed(this, newId.get());
      } else {
        listener.onChatText(handle, text);
      }
    }
  }

  /** Tells the other side the signaling server knows us as {@code localId} now (after a fresh join). */
  void announce(String localId) {
    RtcChannel c = chat;
    if (connected && c != null) {
      c.sendText(PeerIdMessage.encode(localId));
    }
  }

  /** Politeness follows the ids: after either side's id changed, recompute it. */
  void ids(String localId) {
    RtcConnection c = connection;
    if (c != null) {
      c.setPolite(localId.compareTo(peerId) < 0);
    }
  }

  /** Closes the connection; {@code onPeerDisconnected} follows if it was connected. On strand; idempotent. */
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
          host.disconnected(this, handle);
          host.listener().onPeerDisconnected(handle);
        }
      }
    });
  }

  /** Sends one connection's offers, answers and candidates to its peer via signaling. */
  static RtcConnection.Signals relay(io.swarmrtc.peer.internal.signaling.SignalingClient signaling, MeshLink link) {
    return new RtcConnection.Signals() {
      @Override
      public void sendOffer(String sdp) {
        signaling.sendOffer(link.peerId, sdp);
      }

      @Override
      public void sendAnswer(String sdp) {
        signaling.sendAnswer(link.peerId, sdp);
      }

      @Override
      public void sendCandidate(IceCandidate candidate) {
        signaling.sendCandidate(link.peerId, candidate);
      }
    };
  }
}
