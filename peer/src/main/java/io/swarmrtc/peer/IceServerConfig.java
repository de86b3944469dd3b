package io.swarmrtc.peer;

import java.util.List;
import java.util.Objects;

/**
 * A STUN or TURN server to use instead of the ones the signaling server hands out.
 *
 * <pre>{@code
 * IceServerConfig.of("turn:turn.example.org:3478?transport=udp", "user", "secret")
 * }</pre>
 */
public record IceServerConfig(List<String> urls, String username, String credential) {
  public IceServerConfig {
    urls = List.copyOf(Objects.requireNonNull(urls, "urls"));
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("an ICE server needs at least one URL");
    }
  }

  public static IceServerConfig of(String url) {
    return new IceServerConfig(List.of(url), null, null);
  }

  public static IceServerConfig of(String url, String username, String credential) {
    return new IceServerConfig(List.of(url), username, credential);
  }
}
