package io.swarmrtc.peer.internal.signaling;

import io.swarmrtc.peer.internal.rtc.IceCandidate;
import java.util.List;

/**
 * The messages of docs/signaling.md as the peer sees them. {@code peer} is {@code to} on the way
 * out and {@code from} on the way in.
 *
 * <p>Internal stand-in for {@code io.swarmrtc.protocol.signal}: only {@link SignalCodec} knows the
 * JSON, so switching to the shared records means replacing one codec.
 */
public sealed interface SignalMessage {
  record Join(String room, String password, String token, String resumeToken) implements SignalMessage {}

  record Leave() implements SignalMessage {}

  record Ping() implements SignalMessage {}

  record Pong() implements SignalMessage {}

  record Offer(String peer, String sdp) implements SignalMessage {}

  record Answer(String peer, String sdp) implements SignalMessage {}

  record Candidate(String peer, IceCandidate candidate) implements SignalMessage {}

  record Joined(String room, String peerId, String resumeToken, List<String> peers, boolean resumed)
      implements SignalMessage {
    public Joined {
      peers = List.copyOf(peers);
    }
  }

  record PeerJoined(String peerId) implements SignalMessage {}

  record PeerLeft(String peerId) implements SignalMessage {}

  record Error(SignalingErrorCode code, String message, boolean fatal) implements SignalMessage {}
}
