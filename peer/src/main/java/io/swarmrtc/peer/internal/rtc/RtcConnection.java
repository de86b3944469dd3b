package io.swarmrtc.peer.internal.rtc;

import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCSignalingState;
import io.swarmrtc.peer.internal.util.SerialExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer connection to one remote peer, with its data channels.
 *
 * <p>What it takes care of: trickle ICE in both directions (local candidates are held back until
 * the offer/answer that they belong to has been signaled; remote candidates are queued until a
 * remote description is set, since webrtc-java drops them otherwise); perfect negotiation
 * (docs/signaling.md: the {@code polite} side rolls back its own offer on a collision); an ICE
 * restart by the initiator when the connection fails, up to {@link RtcConfig#maxIceRestarts()};
 * and one idempotent {@link #close()} that closes the peer connection, then unregisters and
 * disposes its channels, from any thread but a native one.
 *
 * <p>All listener calls run on this connection's serial executor, never on a native thread.
 */
public final class RtcConnection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RtcConnection.class);

  /** Where this connection's offers, answers and candidates go (the signaling client, or a test). */
  public interface Signals {
    void sendOffer(String sdp);

    void sendAnswer(String sdp);

    void sendCandidate(IceCandidate candidate);
  }

  /** Connection events, on the connection's serial executor. */
  public interface Listener {
    /** A channel the remote side created; set its listener now to miss nothing. */
    default void onRemoteChannel(RtcConnection connection, RtcChannel channel) {}

    default void onStateChange(RtcConnection connection, State state) {}

    /** Called once, after the connection and its channels are closed. */
    default void onClosed(RtcConnection connection) {}
  }

  /** The connection's state; {@code CLOSED} is final. */
  public enum State { NEW, CONNECTING, CONNECTED, DISCONNECTED, FAILED, CLOSED }

  private final RtcRuntime runtime;
  private final RtcConfig config;
  private final String name;
  private final boolean polite;
  private final boolean initiator;
  private final Signals signals;
  private final Listener listener;
  private final SerialExecutor strand;
  private final List<RtcChannel> channels = new CopyOnWriteArrayList<>();
  private final GuardedPeerConnection pc;

  // Only touched on `strand`:
  private CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
  private boolean makingOffer;
  private boolean ignoreOffer;
  private boolean remoteDescriptionSet;
  private boolean localDescriptionSent;
  private final List<IceCandidate> pendingRemote = new ArrayList<>();
  private final List<IceCandidate> pendingLocal = new ArrayList<>();
  private int iceRestarts;
  private int failureEpoch;
  private volatile State state = State.NEW;

  private volatile boolean closed;
  private boolean closedReported; // on strand

  private RtcConnection(RtcRuntime runtime, RtcConfig config, String name, boolean polite,
      boolean initiator, Signals signals, Listener listener) {
    this.runtime = runtime;
    this.config = config;
    this.name = name;
    this.polite = polite;
    this.initiator = initiator;
    this.signals = signals;
    this.listener = listener;
    this.strand = new SerialExecutor(runtime.events());
    this.pc = new GuardedPeerConnection(name);
  }

  /**
   * Creates a connection. The initiator creates channels with {@link #createChannel} and calls
   * {@link #offer()}; the other side waits for {@link #handleOffer}.
   *
   * @param name a name for logs (e.g. the remote peer id)
   * @param polite whether this side yields on an offer collision (docs/signaling.md: the peer
   *     whose id sorts lower)
   * @param initiator whether this side made the first offer; it also drives ICE restarts
   * @throws RtcClosedException if the runtime is already torn down
   */
  public static RtcConnection open(RtcRuntime runtime, RtcConfig config, String name, boolean polite,
      boolean initiator, Signals signals, Listener listener) {
    RtcConnection c = new RtcConnection(runtime, config, name, polite, initiator, signals, listener);
    boolean created = runtime.withFactory(() -> {
      if (runtime.register(c)) {
        c.pc.attach(runtime.factory().createPeerConnection(
            GuardedPeerConnection.nativeConfig(config), c.new NativeObserver()));
      }
    });
    if (!created || !c.pc.isAttached()) {
      runtime.unregister(c);
      throw new RtcClosedException("the WebRTC runtime is shut down");
    }
    return c;
  }

  public String name() {
    return name;
  }

  public boolean polite() {
    return polite;
  }

  public State state() {
    return state;
  }

  public boolean isClosed() {
    return closed;
  }

  /** Creates a data channel (reliable; ordered or not). Channels are created before the offer. */
  public RtcChannel createChannel(String label, boolean ordered) {
    RTCDataChannel ch = pc.createDataChannel(label, ordered);
    RtcChannel channel = new RtcChannel(ch, runtime, config);
    channels.add(channel);
    if (closed) {
      channel.dispose(); // close() may have taken its snapshot just before we added it
    }
    return channel;
  }

  /** Starts (or restarts) negotiation by sending an offer. */
  public void offer() {
    op(() -> negotiate(false));
  }

  /**
   * Restarts ICE now (new credentials, fresh candidates) by sending an offer with iceRestart.
   * Either side may call it; a collision with the other side's offer is settled by perfect
   * negotiation. The initiator also does this by itself when the connection fails.
   */
  public void restartIce() {
    op(() -> negotiate(true));
  }

  /** The current local SDP, or null (for tests and diagnostics). */
  String localSdp() {
    return pc.localSdp();
  }

  /** The current signaling state name, e.g. {@code STABLE} (for tests and diagnostics). */
  String signalingStateName() {
    return pc.signalingState().name();
  }

  /** Applies a remote offer and answers it, rolling back our own offer if we are polite. */
  public void handleOffer(String sdp) {
    strand.execute(() -> {
      if (closed) {
        return;
      }
      LOG.debug("{}: remote offer in state {}", name, pc.signalingState());
      boolean collision = makingOffer || pc.signalingState() != RTCSignalingState.STABLE;
      ignoreOffer = !polite && collision;
      if (ignoreOffer) {
        LOG.debug("{}: ignoring colliding offer (impolite)", name);
        return;
      }
      op(() -> {
        CompletableFuture<Void> rollback = pc.signalingState() == RTCSignalingState.HAVE_LOCAL_OFFER
            ? pc.setLocal(new RTCSessionDescription(RTCSdpType.ROLLBACK, ""))
            : CompletableFuture.completedFuture(null);
        return rollback
            .thenComposeAsync(v -> setRemote(new RTCSessionDescription(RTCSdpType.OFFER, sdp)), strand)
            .thenComposeAsync(v -> pc.createAnswer(), strand)
            .thenComposeAsync(answer -> pc.setLocal(answer).thenApply(v -> answer), strand)
            .thenAcceptAsync(answer -> sendLocalDescription(() -> signals.sendAnswer(answer.sdp)), strand);
      });
    });
  }

  /** Applies a remote answer to our pending offer; a stale answer is ignored. */
  public void handleAnswer(String sdp) {
    op(() -> {
      LOG.debug("{}: remote answer in state {}", name, pc.signalingState());
      if (pc.signalingState() != RTCSignalingState.HAVE_LOCAL_OFFER) {
        LOG.debug("{}: ignoring answer in state {}", name, pc.signalingState());
        return CompletableFuture.completedFuture(null);
      }
      return setRemote(new RTCSessionDescription(RTCSdpType.ANSWER, sdp));
    });
  }

  /** Adds a remote candidate, or queues it until a remote description is set. */
  public void handleCandidate(IceCandidate candidate) {
    strand.execute(() -> {
      if (closed) {
        return;
      }
      LOG.debug("{}: remote candidate {} ({})", name, candidate.candidate(),
          remoteDescriptionSet ? "adding" : "queued");
      if (remoteDescriptionSet) {
        addRemoteCandidate(candidate);
      } else {
        pendingRemote.add(candidate);
      }
    });
  }

  /** The path in use, from getStats' selected candidate pair; empty if not connected yet. */
  public CompletableFuture<PathInfo> pathInfo() {
    return pc.selectedPath().thenApplyAsync(p -> p, runtime.events());
  }

  /**
   * Closes the peer connection, then unregisters and disposes its channels. Idempotent, safe from
   * any of our threads (including listener callbacks) and concurrently with sends.
   */
  @Override
  public void close() {
    if (!pc.markClosed()) {
      return;
    }
    closed = true;
    // Close the channels first so the remote side sees them close (an SCTP stream reset) instead
    // of waiting for ICE consent to expire. Not under our lock: pc.close() runs native callbacks
    // synchronously on the signaling thread.
    for (RtcChannel ch : channels) {
      ch.close();
    }
    pc.closeNative();
    for (RtcChannel ch : channels) {
      ch.dispose();
    }
    runtime.unregister(this);
    state = State.CLOSED;
    strand.execute(this::reportClosed);
  }

  private void reportClosed() {
    if (closedReported) {
      return;
    }
    closedReported = true;
    listener.onStateChange(this, State.CLOSED);
    listener.onClosed(this);
  }

  // ---- negotiation steps (all on strand) ----

  /** Appends a step to the operations chain: steps run one at a time, like a browser's. */
  private void op(Supplier<CompletableFuture<Void>> step) {
    strand.execute(() -> chain = chain
        .exceptionally(t -> null)
        .thenComposeAsync(v -> closed ? CompletableFuture.<Void>completedFuture(null) : step.get(), strand)
        .whenComplete((v, t) -> {
          if (t != null && !closed) {
            LOG.warn("{}: negotiation step failed: {}", name, rootMessage(t));
          }
        }));
  }

  private CompletableFuture<Void> negotiate(boolean iceRestart) {
    if (pc.signalingState() != RTCSignalingState.STABLE) {
      return CompletableFuture.completedFuture(null); // an exchange is under way; it covers this
    }
    makingOffer = true;
    return pc.createOffer(iceRestart)
        .thenComposeAsync(offer -> pc.setLocal(offer).thenApply(v -> offer), strand)
        .thenAcceptAsync(offer -> sendLocalDescription(() -> signals.sendOffer(offer.sdp)), strand)
        .whenCompleteAsync((v, t) -> makingOffer = false, strand);
  }

  private void sendLocalDescription(Runnable send) {
    LOG.debug("{}: sending local description with {} held candidates", name, pendingLocal.size());
    send.run();
    localDescriptionSent = true;
    List<IceCandidate> held = new ArrayList<>(pendingLocal);
    pendingLocal.clear();
    held.forEach(signals::sendCandidate);
  }

  private void addRemoteCandidate(IceCandidate c) {
    if (!pc.addCandidate(c) && !ignoreOffer && !closed) {
      LOG.debug("{}: remote candidate rejected: {}", name, c.candidate());
    }
  }

  private void remoteDescriptionApplied() {
    remoteDescriptionSet = true;
    List<IceCandidate> queued = new ArrayList<>(pendingRemote);
    pendingRemote.clear();
    queued.forEach(this::addRemoteCandidate);
  }

  /** Sets the remote description, then adds the candidates that waited for it. */
  private CompletableFuture<Void> setRemote(RTCSessionDescription d) {
    return pc.setRemote(d).thenRunAsync(this::remoteDescriptionApplied, strand);
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.toString();
  }

  // ---- state (on strand) ----

  private void connectionStateChanged(RTCPeerConnectionState nativeState) {
    if (closed) {
      return;
    }
    LOG.debug("{}: connection state {}", name, nativeState);
    State next = switch (nativeState) {
      case NEW -> State.NEW;
      case CONNECTING -> State.CONNECTING;
      case CONNECTED -> State.CONNECTED;
      case DISCONNECTED -> State.DISCONNECTED;
      case FAILED -> State.FAILED;
      case CLOSED -> State.CLOSED;
    };
    state = next;
    listener.onStateChange(this, next);
    if (next == State.CONNECTED) {
      iceRestarts = 0;
    } else if (next == State.FAILED) {
      if (initiator && iceRestarts < config.maxIceRestarts()) {
        restartAfterFailure();
      } else if (initiator) {
        LOG.info("{}: connection failed after {} ICE restarts, closing", name, iceRestarts);
        close();
        return;
      }
      scheduleFailureCheck();
    } else if (next == State.CLOSED) {
      close();
    }
  }

  private void restartAfterFailure() {
    iceRestarts++;
    LOG.info("{}: connection failed, ICE restart {}/{}", name, iceRestarts, config.maxIceRestarts());
    op(() -> negotiate(true));
  }

  /**
   * A failed connection that is not connected again within the grace period is retried (by the
   * initiator, while restarts are left) or closed: a restart offer that is never answered, or an
   * initiator that is gone, must not leave the connection hanging.
   */
  private void scheduleFailureCheck() {
    int epoch = ++failureEpoch;
    try {
      runtime.timers().schedule(() -> strand.execute(() -> {
        if (closed || state == State.CONNECTED || epoch != failureEpoch) {
          return;
        }
        if (initiator && iceRestarts < config.maxIceRestarts()) {
          restartAfterFailure();
          scheduleFailureCheck();
        } else {
          LOG.info("{}: not connected again within {}, closing", name, config.failedGrace());
          close();
        }
      }), config.failedGrace().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      close(); // the runtime is going away
    }
  }

  private void localCandidate(IceCandidate c) {
    if (closed) {
      return;
    }
    LOG.debug("{}: local candidate {}", name, c.candidate());
    if (localDescriptionSent) {
      signals.sendCandidate(c);
    } else {
      pendingLocal.add(c);
    }
  }

  /** Native callbacks: hand off to the strand and return at once; never take our locks. */
  private final class NativeObserver implements PeerConnectionObserver {
    @Override
    public void onIceCandidate(RTCIceCandidate candidate) {
      IceCandidate c = new IceCandidate(candidate.sdp, candidate.sdpMid, candidate.sdpMLineIndex, null);
      strand.execute(() -> localCandidate(c));
    }

    @Override
    public void onConnectionChange(RTCPeerConnectionState s) {
      strand.execute(() -> connectionStateChanged(s));
    }

    @Override
    public void onRenegotiationNeeded() {
      // Channels are created before the first offer, which offer() sends; later needs (none today
      // for data-only connections) are negotiated once the first exchange is done.
      strand.execute(() -> {
        if (remoteDescriptionSet) {
          op(() -> negotiate(false));
        }
      });
    }

    @Override
    public void onDataChannel(RTCDataChannel dataChannel) {
      // Register the observer inside the callback so no message is missed.
      RtcChannel channel = new RtcChannel(dataChannel, runtime, config);
      channels.add(channel);
      strand.execute(() -> {
        if (closed) {
          channel.dispose();
        } else {
          listener.onRemoteChannel(RtcConnection.this, channel);
        }
      });
    }
  }
}
