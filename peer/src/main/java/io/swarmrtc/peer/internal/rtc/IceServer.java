package io.swarmrtc.peer.internal.rtc;

import java.util.List;
import java.util.Objects;

/** One RTCIceServer entry: STUN/TURN URLs and, for TURN, the credentials. */
public record IceServer(List<String> urls, String username, String credential) {
  public IceServer {
    urls = List.copyOf(Objects.requireNonNull(urls, "urls"));
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("an ICE server needs at least one URL");
    }
  }

  public static IceServer stun(String url) {
    return new IceServer(List.of(url), null, null);
  }

  public static IceServer turn(String url, String username, String credential) {
    return new IceServer(List.of(url), username, credential);
  }
}
