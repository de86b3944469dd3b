package io.swarmrtc.peer;

import java.util.Objects;

/**
 * Something a share or download wants its user to know while it carries on: a peer that cannot be
 * reached (and the likely cause), pieces that nobody connected has, the signaling server gone or
 * back. Delivered to {@link ProgressListener#onNotice}; applications branch on {@link #code()},
 * {@link #message()} is for humans and may change.
 *
 * @param code what happened
 * @param peerId the peer concerned, or null when the notice is about the whole transfer
 * @param cause for {@link Code#PEER_UNREACHABLE}: the likely cause; otherwise null
 * @param message one line for humans
 */
public record SwarmNotice(Code code, String peerId, IceFailureCause cause, String message) {

  /** Stable notice codes. */
  public enum Code {
    /** A connection to a peer failed or never came up; {@link #cause()} says why if known. */
    PEER_UNREACHABLE,
    /** Missing pieces that no connected peer has: the download waits for a peer that has them. */
    PIECES_UNAVAILABLE,
    /** Every missing piece is available again from a connected peer. */
    PIECES_AVAILABLE,
    /** The signaling server is gone: connected peers carry on, new peers cannot join us meanwhile. */
    SIGNALING_LOST,
    /** Back in the room after losing the signaling server. */
    SIGNALING_RESTORED
  }

  public SwarmNotice {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return code + (peerId == null ? "" : " " + peerId) + (cause == null ? "" : " (" + cause + ")") + ": " + message;
  }
}
