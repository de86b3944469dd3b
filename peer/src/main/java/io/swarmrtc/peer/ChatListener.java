package io.swarmrtc.peer;

/** Events of a {@link ChatRoom}; called on internal threads, so keep them short. */
public interface ChatListener {
  void onMessage(ChatMessage message);

  /** A peer is connected and will receive what you send from now on. */
  default void onPeerJoined(String peerId) {}

  default void onPeerLeft(String peerId) {}
}
