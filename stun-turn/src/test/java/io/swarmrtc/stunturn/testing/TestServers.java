package io.swarmrtc.stunturn.testing;

import io.swarmrtc.stunturn.StunTurnConfig;
import java.net.InetAddress;

/** Test configurations: loopback, ephemeral ports, one static user and a REST secret. */
public final class TestServers {
  public static final String USER = "alice";
  public static final String PASSWORD = "wonderland";
  public static final String SECRET = "rest-shared-secret";
  public static final String REALM = "swarmrtc.test";

  private TestServers() {}

  /** No allow-list: the safe defaults apply (loopback peers are refused). */
  public static StunTurnConfig.Builder builder() {
    return StunTurnConfig.builder()
        .bindAddress(InetAddress.getLoopbackAddress())
        .udpPort(0).tcpPort(0)
        .realm(REALM)
        .user(USER, PASSWORD)
        .sharedSecret(SECRET)
        .relayAddress(InetAddress.getLoopbackAddress())
        .relayPorts(0, 0);
  }

  /** As {@link #builder()} plus loopback peers allowed, for relaying to local test peers. */
  public static StunTurnConfig.Builder loopbackPeers() {
    return builder().allowPeers("127.0.0.0/8");
  }
}
