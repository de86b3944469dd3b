package io.swarmrtc.protocol.signal;

import java.util.Objects;

/**
 * An RTCIceCandidateInit: {@code candidate} is required (any string, the server never parses it);
 * {@code sdpMid}, {@code sdpMLineIndex} (0-65535) and {@code usernameFragment} are optional (null).
 */
public record IceCandidate(String candidate, String sdpMid, Integer sdpMLineIndex, String usernameFragment) {
    public IceCandidate {
        Objects.requireNonNull(candidate, "candidate.candidate");
        if (sdpMLineIndex != null && (sdpMLineIndex < 0 || sdpMLineIndex > 65535)) {
            throw new IllegalArgumentException("candidate.sdpMLineIndex out of range: " + sdpMLineIndex);
        }
    }
}
