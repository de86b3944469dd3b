package io.swarmrtc.peer.internal.rtc;

import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnectionIceErrorEvent;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import io.swarmrtc.peer.internal.util.SerialExecutor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer connection to one remote peer, with its data channels.
 *
 * <p>What it takes care of: trickle ICE in both directions (local candidates are held back until
 * the offer/answer that they belong to has been signaled; remote candidates are queued until a
 * remote description is set, since webrtc-java drops them otherwise); perfect negotiation
 * (docs/signaling.md: the {@code polite} side rolls back its own offer on a collision); ICE
 * restarts from either side when the connection fails ({@link IceRecovery}), up to {@link
 * RtcConfig#maxIceRestarts()}, then a report of the likely cause ({@link Listener#onFailed},
 * {@link IceDiagnosis}); and one idempotent {@link #close()} that closes the peer connection, then
 * unregisters and disposes its channels, from any thread but a native one.
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

    /**
     * The connection gave up (ICE failed and the restarts did not help); {@code onClosed} follows.
     * Called at most once, never for a plain {@link #close()}.
     */
    default void onFailed(RtcConnection connection, IceFailure failure) {}

    /** Called once, after the connection and its channels are closed. */
    default void onClosed(RtcConnection connection) {}
  }

  /** The connection's state; {@code CLOSED} is final. */
  public enum State { NEW, CONNECTING, CONNECTED, DISCONNECTED, FAILED, CLOSED }

  private final RtcRuntime runtime;
  private final RtcConfig config;
  private final String name;
  private volatile boolean polite;
  private final boolean initiator;
  private final Signals signals;
  private final Listener listener;
  private final SerialExecutor strand;
  private final List<RtcChannel> channels = new CopyOnWriteArrayList<>();
  private final GuardedPeerConnection pc;
  private final IceObservations observations = new IceObservations();
  private final IceRecovery recovery; // on strand

  private final Negotiation negotiation;
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
    this.negotiation = new Negotiation(name, polite, pc, strand, signals, () -> closed, this::remoteOffer);
    this.recovery = new IceRecovery(polite, config, this::schedule, new IceRecovery.Actions() {
      @Override
      public void restartIce() {
        LOG.info("{}: ICE restart {}/{}", name, recovery.restarts(), config.maxIceRestarts());
        negotiation.offer(true);
      }

      @Override
      public void giveUp(String why) {
        IceFailure failure = diagnose("connection to " + name + ": " + why);
        LOG.info("{}: giving up: {}", name, failure.message());
        listener.onFailed(RtcConnection.this, failure);
        close();
      }
    });
  }

  /**
   * Creates a connection. The initiator creates channels with {@link #createChannel} and calls
   * {@link #offer()}; the other side waits for {@link #handleOffer}.
   *
   * @param name a name for logs (e.g. the remote peer id)
   * @param polite whether this side yields on an offer collision (docs/signaling.md: the peer
   *     whose id sorts lower)
   * @param initiator whether this side made the first offer
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

  /**
   * Changes which side yields on an offer collision: politeness follows the peer ids, which a
   * restarted signaling server reassigns while the connection carries on.
   */
  public void setPolite(boolean polite) {
    this.polite = polite;
    strand.execute(() -> {
      negotiation.setPolite(polite);
      recovery.setPolite(polite);
    });
  }

  /** Whether this side made the first offer. */
  public boolean initiator() {
    return initiator;
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
    negotiation.offer(false);
  }

  /**
   * Restarts ICE now (new credentials, fresh candidates) by sending an offer with iceRestart.
   * Either side may call it; a collision with the other side's offer is settled by perfect
   * negotiation. Both sides also do this by themselves when the connection fails.
   */
  public void restartIce() {
    negotiation.offer(true);
  }

  /** The current local SDP, or null (for tests and diagnostics). */
  String localSdp() {
    return pc.localSdp();
  }

  /** The current signaling state name, e.g. {@code STABLE} (for tests and diagnostics). */
  String signalingStateName() {
    return pc.signalingState().name();
  }

  /**
   * Whether {@code offerSdp} renegotiates this connection (same SDP session as the remote
   * description we have), rather than coming from another connection of the same peer. True while
   * no remote description is set.
   */
  public boolean isSameSession(String offerSdp) {
    String current = SdpOrigin.sessionId(pc.remoteSdp());
    return current == null || current.equals(SdpOrigin.sessionId(offerSdp));
  }

  /** Applies a remote offer and answers it, rolling back our own offer if we are polite. */
  public void handleOffer(String sdp) {
    negotiation.handleOffer(sdp);
  }

  /** Applies a remote answer to our pending offer; a stale answer is ignored. */
  public void handleAnswer(String sdp) {
    negotiation.handleAnswer(sdp);
  }

  /** Adds a remote candidate, or queues it until a remote description is set. */
  public void handleCandidate(IceCandidate candidate) {
    negotiation.handleCandidate(candidate);
  }

  /**
   * What this side saw while gathering, as a failure report: {@code what} plus the likely cause
   * (e.g. the TURN server rejected our credentials). For a connection given up from outside, e.g.
   * one that never connected within the mesh's timeout.
   */
  public IceFailure diagnose(String what) {
    return observations.failure(what, config.iceServers());
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
    recovery.onState(next);
    if (next == State.CLOSED) {
      close();
    }
  }

  private void remoteOffer() {
    recovery.onRemoteOffer();
  }

  /** Runs {@code task} on the strand after {@code delay}; closes if the runtime is going away. */
  private void schedule(java.time.Duration delay, Runnable task) {
    try {
      runtime.timers().schedule(() -> strand.execute(() -> {
        if (!closed) {
          task.run();
        }
      }), delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      close(); // the runtime is going away
    }
  }

  private void localCandidate(IceCandidate c) {
    if (closed) {
      return;
    }
    LOG.debug("{}: local candidate {}", name, c.candidate());
    observations.localCandidate(c.candidate());
    negotiation.localCandidate(c);
  }

  /** Native callbacks: hand off to the strand and return at once; never take our locks. */
  private final class NativeObserver implements PeerConnectionObserver {
    @Override
    public void onIceCandidate(RTCIceCandidate candidate) {
      IceCandidate c = new IceCandidate(candidate.sdp, candidate.sdpMid, candidate.sdpMLineIndex, null);
      strand.execute(() -> localCandidate(c));
    }

    @Override
    public void onIceCandidateError(RTCPeerConnectionIceErrorEvent event) {
      // Kept to explain a later failure (e.g. a TURN server answering 401); harmless on their own.
      observations.candidateError(
          new IceDiagnosis.CandidateError(event.getUrl(), event.getErrorCode(), event.getErrorText()));
    }

    @Override
    public void onConnectionChange(RTCPeerConnectionState s) {
      strand.execute(() -> connectionStateChanged(s));
    }

    @Override
    public void onRenegotiationNeeded() {
      // Channels are created before the first offer, which offer() sends; later needs (none today
      // for data-only connections) are negotiated once the first exchange is done.
      negotiation.renegotiationNeeded();
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
