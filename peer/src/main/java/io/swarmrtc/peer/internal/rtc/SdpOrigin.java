package io.swarmrtc.peer.internal.rtc;

/**
 * The session id of an SDP's origin line ({@code o=- 46117317 2 IN IP4 127.0.0.1}, RFC 8866 5.2):
 * constant for the life of a peer connection, so an offer with another session id comes from a new
 * connection, not from a renegotiation (or ICE restart) of the one we have. Pure.
 */
public final class SdpOrigin {
  private SdpOrigin() {}

  /** The session id, or null if the SDP has no well-formed origin line. */
  public static String sessionId(String sdp) {
    if (sdp == null) {
      return null;
    }
    for (String line : sdp.split("\r?\n")) {
      if (line.startsWith("o=")) {
        String[] f = line.substring(2).trim().split("\\s+");
        return f.length >= 2 ? f[1] : null;
      }
    }
    return null;
  }
}
