package io.swarmrtc.peer.internal.signaling;

import io.swarmrtc.peer.internal.rtc.IceCandidate;

/**
 * Signaling events, delivered in order on the client's own thread: keep callbacks short (hand
 * work to another executor) and never block in them.
 */
public interface SignalingListener {
  /**
   * Joined the room: on the first join and after every reconnect. When {@code joined.resumed()}
   * is false after a reconnect, this peer has a new id and every earlier peer relationship is gone.
   */
  default void onJoined(SignalMessage.Joined joined) {}

  default void onPeerJoined(String peerId) {}

  default void onPeerLeft(String peerId) {}

  default void onOffer(String from, String sdp) {}

  default void onAnswer(String from, String sdp) {}

  default void onCandidate(String from, IceCandidate candidate) {}

  /** A non-fatal error reply from the server (e.g. {@code UNKNOWN_PEER}); nothing else changes. */
  default void onError(SignalingErrorCode code, String message) {}

  /** The socket was lost; the client is reconnecting (and will resume if it can). */
  default void onDisconnected(SignalingException cause) {}

  /** Final: closed by {@link SignalingClient#close()} (code CLOSED) or gave up (other codes). */
  default void onClosed(SignalingException cause) {}
}
