package io.swarmrtc.peer.internal.rtc;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCIceTransportPolicy;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCSignalingState;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;

/**
 * The native peer connection behind a lock and a closed flag, so no call reaches it after
 * {@link #markClosed()}: touching a closed or disposed native object can crash the JVM. The
 * asynchronous native calls are turned into futures; they complete on the native signaling
 * thread, so callers continue with {@code *Async} stages on their own executor.
 */
final class GuardedPeerConnection {
  private final String name;
  private RTCPeerConnection pc; // set once by attach()
  private boolean closed; // guarded by this

  GuardedPeerConnection(String name) {
    this.name = name;
  }

  void attach(RTCPeerConnection pc) {
    this.pc = pc;
  }

  boolean isAttached() {
    return pc != null;
  }

  /** Marks the connection closed; true only the first time. Native calls are refused from now on. */
  synchronized boolean markClosed() {
    if (closed) {
      return false;
    }
    closed = true;
    return true;
  }

  /**
   * Closes the native connection. Must not be called under our lock (nor any lock a native
   * callback takes): it runs callbacks synchronously on the signaling thread.
   */
  void closeNative() {
    if (pc != null) {
      pc.close();
    }
  }

  synchronized RTCDataChannel createDataChannel(String label, boolean ordered) {
    checkOpen();
    RTCDataChannelInit init = new RTCDataChannelInit();
    init.ordered = ordered;
    init.negotiated = false;
    init.id = -1;
    init.maxPacketLifeTime = -1;
    init.maxRetransmits = -1;
    return pc.createDataChannel(label, init);
  }

  synchronized RTCSignalingState signalingState() {
    return closed ? RTCSignalingState.CLOSED : pc.getSignalingState();
  }

  synchronized String localSdp() {
    if (closed) {
      return null;
    }
    RTCSessionDescription d = pc.getLocalDescription();
    return d == null ? null : d.sdp;
  }

  synchronized String remoteSdp() {
    if (closed) {
      return null;
    }
    RTCSessionDescription d = pc.getRemoteDescription();
    return d == null ? null : d.sdp;
  }

  /** Adds a remote candidate; false if refused (closed, or rejected by libwebrtc). */
  synchronized boolean addCandidate(IceCandidate c) {
    if (closed) {
      return false;
    }
    int index = c.sdpMLineIndex() == null ? 0 : c.sdpMLineIndex();
    try {
      pc.addIceCandidate(new RTCIceCandidate(c.sdpMid(), index, c.candidate()));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  CompletableFuture<RTCSessionDescription> createOffer(boolean iceRestart) {
    RTCOfferOptions options = new RTCOfferOptions();
    options.iceRestart = iceRestart;
    CompletableFuture<RTCSessionDescription> f = new CompletableFuture<>();
    synchronized (this) {
      if (closed) {
        return closedFuture();
      }
      pc.createOffer(options, describeInto(f));
    }
    return f;
  }

  CompletableFuture<RTCSessionDescription> createAnswer() {
    CompletableFuture<RTCSessionDescription> f = new CompletableFuture<>();
    synchronized (this) {
      if (closed) {
        return closedFuture();
      }
      pc.createAnswer(new RTCAnswerOptions(), describeInto(f));
    }
    return f;
  }

  CompletableFuture<Void> setLocal(RTCSessionDescription d) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    synchronized (this) {
      if (closed) {
        return closedFuture();
      }
      pc.setLocalDescription(d, completeInto(f, "setLocalDescription(" + d.sdpType + ")"));
    }
    return f;
  }

  CompletableFuture<Void> setRemote(RTCSessionDescription d) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    synchronized (this) {
      if (closed) {
        return closedFuture();
      }
      pc.setRemoteDescription(d, completeInto(f, "setRemoteDescription(" + d.sdpType + ")"));
    }
    return f;
  }

  /** The selected path from getStats, or null before one is selected. */
  CompletableFuture<PathInfo> selectedPath() {
    CompletableFuture<PathInfo> result = new CompletableFuture<>();
    synchronized (this) {
      if (closed) {
        return closedFuture();
      }
      pc.getStats(report -> {
        try {
          result.complete(SelectedPath.from(report));
        } catch (RuntimeException e) {
          result.completeExceptionally(e);
        }
      });
    }
    return result;
  }

  /** The native configuration for {@code config}: ICE servers and transport policy. */
  static RTCConfiguration nativeConfig(RtcConfig config) {
    RTCConfiguration c = new RTCConfiguration();
    for (IceServer s : config.iceServers()) {
      RTCIceServer n = new RTCIceServer();
      n.urls = new ArrayList<>(s.urls());
      n.username = s.username();
      n.password = s.credential();
      c.iceServers.add(n);
    }
    c.iceTransportPolicy = config.relayOnly() ? RTCIceTransportPolicy.RELAY : RTCIceTransportPolicy.ALL;
    return c;
  }

  private void checkOpen() {
    if (closed) {
      throw new RtcClosedException("connection " + name + " is closed");
    }
  }

  private <T> CompletableFuture<T> closedFuture() {
    return CompletableFuture.failedFuture(new RtcClosedException("connection " + name + " is closed"));
  }

  private static CreateSessionDescriptionObserver describeInto(CompletableFuture<RTCSessionDescription> f) {
    return new CreateSessionDescriptionObserver() {
      @Override
      public void onSuccess(RTCSessionDescription description) {
        f.complete(description);
      }

      @Override
      public void onFailure(String error) {
        f.completeExceptionally(new IllegalStateException(error));
      }
    };
  }

  private static SetSessionDescriptionObserver completeInto(CompletableFuture<Void> f, String what) {
    return new SetSessionDescriptionObserver() {
      @Override
      public void onSuccess() {
        f.complete(null);
      }

      @Override
      public void onFailure(String error) {
        f.completeExceptionally(new IllegalStateException(what + ": " + error));
      }
    };
  }
}
