package io.swarmrtc.e2e.nat;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.e2e.harness.Browsers;
import io.swarmrtc.e2e.harness.Home;
import io.swarmrtc.e2e.harness.NatMapping;
import io.swarmrtc.e2e.harness.NetnsGuard;
import io.swarmrtc.e2e.harness.Topology;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 6, case 2: when no direct path exists, browsers fall back to our TURN relay (UDP) and the
 * bytes arrive intact (8 MiB each; the 64 MiB swarm download through the relay is
 * {@link WebAppDownloadThroughTheRelayTest}).
 */
@Tag("netns")
@ExtendWith(NetnsGuard.class)
class RelayWhenNoDirectPathTest {

  private static final Logger LOG = LoggerFactory.getLogger(RelayWhenNoDirectPathTest.class);
  private static final Duration CONNECT = Duration.ofSeconds(20);

  @RegisterExtension final Browsers browsers = new Browsers();

  /** Ways the direct path between the homes is made impossible. */
  enum NoDirectPath {
    /** Both routers give every destination a fresh port: srflx candidates are useless. */
    BOTH_HOMES_BEHIND_SYMMETRIC_NATS(NatMapping.ADDRESS_AND_PORT_DEPENDENT, t -> { }),
    /** Cone NATs, but the internet drops UDP between the homes; the server stays reachable. */
    HOME_TO_HOME_UDP_DROPPED(NatMapping.ENDPOINT_INDEPENDENT,
        t -> t.host().iptables("-A", "FORWARD", "-p", "udp", "-j", "DROP"));

    final NatMapping mapping;
    final Consumer<Topology> block;

    NoDirectPath(NatMapping mapping, Consumer<Topology> block) {
      this.mapping = mapping;
      this.block = block;
    }
  }

  @ParameterizedTest(name = "{0}: the data goes through our TURN relay intact")
  @EnumSource(NoDirectPath.class)
  void withoutADirectPathBrowsersConnectThroughOurTurnRelayAndMoveTheBytesIntact(NoDirectPath scenario) {
    int size = 8 * 1024 * 1024;
    try (Topology t = Topology.create()) {
      Home home1 = t.home(1, scenario.mapping);
      Home home2 = t.home(2, scenario.mapping);
      scenario.block.accept(t);
      try (PublicServer server = PublicServer.start(home1.gateway())) {
        long started = System.nanoTime();
        MeshPeer alice = MeshPeer.join(browsers, "alice", home1, server, "nat-relay", CONNECT);
        MeshPeer bob = MeshPeer.join(browsers, "bob", home2, server, "nat-relay", CONNECT);
        alice.awaitOpen(CONNECT);
        bob.awaitOpen(CONNECT);
        LOG.info("{}: both browsers started, joined and connected in {} ms", scenario,
            (System.nanoTime() - started) / 1_000_000);

        MeshPeer.transferIntact(alice, bob, size, Duration.ofSeconds(90));

        assertRelayed(alice, server);
        assertRelayed(bob, server);
        long relayed = server.turnRelayedBytes();
        assertTrue(relayed >= size, "our TURN relay carried only " + relayed + " bytes of " + size);
      }
    }
  }

  /** The library calls the path relayed, and a relay end of the selected pair is our TURN server. */
  static void assertRelayed(MeshPeer peer, PublicServer server) {
    Map<?, ?> path = peer.path();
    LOG.info("{} selected path: {}", peer.name(), path);
    Map<?, ?> local = (Map<?, ?>) path.get("local");
    Map<?, ?> remote = (Map<?, ?>) path.get("remote");
    assertEquals("relayed", path.get("kind"), peer.name() + " path " + path);
    if ("relay".equals(local.get("type"))) {
      assertAll(peer.name() + " local relay candidate " + local,
          () -> assertEquals(server.address(), local.get("address"), "relayed address on our server"),
          () -> assertTrue(String.valueOf(local.get("url")).startsWith(server.turnUrlPrefix()), "TURN URL"));
    } else {
      assertAll(peer.name() + " remote relay candidate " + remote,
          () -> assertEquals("relay", remote.get("type"), "one end of a relayed pair is a relay candidate"),
          () -> assertEquals(server.address(), remote.get("address"), "relayed address on our server"));
    }
  }
}
