package io.swarmrtc.peer.internal.rtc;

import java.util.Objects;

/** An RTCIceCandidateInit as signaled: the candidate line plus its optional m-line identifiers. */
public record IceCandidate(String candidate, String sdpMid, Integer sdpMLineIndex, String usernameFragment) {
  public IceCandidate {
    Objects.requireNonNull(candidate, "candidate");
  }
}
