package io.swarmrtc.peer.internal.rtc;

import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCSignalingState;
import io.swarmrtc.peer.internal.util.SerialExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offer/answer side of an {@link RtcConnection}: perfect negotiation (docs/signaling.md: the
 * {@code polite} side rolls back its own offer on a collision, the impolite side ignores the other
 * offer), one operation at a time like a browser's operations chain, local candidates held back
 * until the description they belong to has been signaled, remote candidates queued until a remote
 * description is set (webrtc-java drops them otherwise). Everything runs on the connection's strand.
 */
final class Negotiation {
  private static final Logger LOG = LoggerFactory.getLogger(Negotiation.class);

  private final String name;
  private boolean polite; // on the connection's strand
  private final GuardedPeerConnection pc;
  private final SerialExecutor strand;
  private final RtcConnection.Signals signals;
  private final BooleanSupplier closed;
  private final Runnable onRemoteOffer;

  // Only touched on `strand`:
  private CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
  private boolean makingOffer;
  private boolean ignoreOffer;
  private boolean remoteDescriptionSet;
  private boolean localDescriptionSent;
  private final List<IceCandidate> pendingRemote = new ArrayList<>();
  private final List<IceCandidate> pendingLocal = new ArrayList<>();

  Negotiation(String name, boolean polite, GuardedPeerConnection pc, SerialExecutor strand,
      RtcConnection.Signals signals, BooleanSupplier closed, Runnable onRemoteOffer) {
    this.name = name;
    this.polite = polite;
    this.pc = pc;
    this.strand = strand;
    this.signals = signals;
    this.closed = closed;
    this.onRemoteOffer = onRemoteOffer;
  }
  void setPolite(boolean polite) {
    this.polite = polite;
  }


  /** Sends an offer (with fresh ICE credentials if {@code iceRestart}) unless an exchange is under way. */
  void offer(boolean iceRestart) {
    op(() -> negotiate(iceRestart));
  }

  /** libwebrtc wants a renegotiation: only once the first exchange is done (offer() sends the first). */
  void renegotiationNeeded() {
    strand.execute(() -> {
      if (remoteDescriptionSet) {
        op(() -> negotiate(false));
      }
    });
  }

  void handleOffer(String sdp) {
    strand.execute(() -> {
      if (closed.getAsBoolean()) {
        return;
      }
      LOG.debug("{}: remote offer in state {}", name, pc.signalingState());
      onRemoteOffer.run();
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

  void handleAnswer(String sdp) {
    op(() -> {
      LOG.debug("{}: remote answer in state {}", name, pc.signalingState());
      if (pc.signalingState() != RTCSignalingState.HAVE_LOCAL_OFFER) {
        LOG.debug("{}: ignoring answer in state {}", name, pc.signalingState());
        return CompletableFuture.completedFuture(null);
      }
      return setRemote(new RTCSessionDescription(RTCSdpType.ANSWER, sdp));
    });
  }

  void handleCandidate(IceCandidate candidate) {
    strand.execute(() -> {
      if (closed.getAsBoolean()) {
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

  /** A local candidate: signaled now, or held until our description has gone out. On strand. */
  void localCandidate(IceCandidate c) {
    if (localDescriptionSent) {
      signals.sendCandidate(c);
    } else {
      pendingLocal.add(c);
    }
  }

  /** Appends a step to the operations chain: steps run one at a time, like a browser's. */
  private void op(Supplier<CompletableFuture<Void>> step) {
    strand.execute(() -> chain = chain
        .exceptionally(t -> null)
        .thenComposeAsync(v -> closed.getAsBoolean() ? CompletableFuture.<Void>completedFuture(null) : step.get(), strand)
        .whenComplete((v, t) -> {
          if (t != null && !closed.getAsBoolean()) {
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
    if (!pc.addCandidate(c) && !ignoreOffer && !closed.getAsBoolean()) {
      LOG.debug("{}: remote candidate rejected: {}", name, c.candidate());
    }
  }

  /** Sets the remote description, then adds the candidates that waited for it. */
  private CompletableFuture<Void> setRemote(RTCSessionDescription d) {
    return pc.setRemote(d).thenRunAsync(() -> {
      remoteDescriptionSet = true;
      List<IceCandidate> queued = new ArrayList<>(pendingRemote);
      pendingRemote.clear();
      queued.forEach(this::addRemoteCandidate);
    }, strand);
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.toString();
  }
}
