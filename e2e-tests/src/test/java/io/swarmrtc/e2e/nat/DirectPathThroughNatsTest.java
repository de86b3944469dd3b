package io.swarmrtc.e2e.nat;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.e2e.harness.Browsers;
import io.swarmrtc.e2e.harness.Home;
import io.swarmrtc.e2e.harness.NatMapping;
import io.swarmrtc.e2e.harness.NetnsGuard;
import io.swarmrtc.e2e.harness.Poll;
import io.swarmrtc.e2e.harness.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 6, case 1: two browsers in different homes, each behind an endpoint-independent NAT,
 * learn their server-reflexive addresses from our STUN server and connect directly through both
 * NATs (hole punching); the TURN relay carries none of the data.
 */
@Tag("netns")
@ExtendWith(NetnsGuard.class)
class DirectPathThroughNatsTest {

  private static final Logger LOG = LoggerFactory.getLogger(DirectPathThroughNatsTest.class);
  private static final int SIZE = 8 * 1024 * 1024;
  private static final Duration CONNECT = Duration.ofSeconds(20);
  private static final Duration SETTLE = Duration.ofSeconds(15);

  @RegisterExtension final Browsers browsers = new Browsers();

  @Test
  void browsersBehindEndpointIndependentNatsConnectDirectlyOverServerReflexiveCandidatesFromOurStun() {
    try (Topology t = Topology.create()) {
      Home home1 = t.home(1, NatMapping.ENDPOINT_INDEPENDENT);
      Home home2 = t.home(2, NatMapping.ENDPOINT_INDEPENDENT);
      try (PublicServer server = PublicServer.start(home1.gateway())) {
        long started = System.nanoTime();
        MeshPeer alice = MeshPeer.join(browsers, "alice", home1, server, "nat-direct", CONNECT);
        MeshPeer bob = MeshPeer.join(browsers, "bob", home2, server, "nat-direct", CONNECT);
        alice.awaitOpen(CONNECT);
        bob.awaitOpen(CONNECT);
        LOG.info("Both browsers started, joined and connected in {} ms", (System.nanoTime() - started) / 1_000_000);

        // ICE may first nominate a relayed pair that answered sooner, then move to the better
        // direct one: wait for that, so the transfer shows where the data goes once ICE settles.
        for (MeshPeer peer : List.of(alice, bob)) {
          Poll.until(peer.name() + "'s path to become direct", SETTLE,
              () -> "direct".equals(peer.path().get("kind")) ? Optional.of(true) : Optional.empty());
        }
        long relayedBefore = server.turnRelayedBytes();
        MeshPeer.transferIntact(alice, bob, SIZE, Duration.ofSeconds(60));
        long relayed = server.turnRelayedBytes() - relayedBefore;

        assertDirectThroughNats(alice, home1, home2, server);
        assertDirectThroughNats(bob, home2, home1, server);
        assertTrue(relayed < SIZE / 8, "the TURN relay carried " + relayed + " bytes of a " + SIZE + "-byte transfer");
      }
    }
  }

  /** The selected pair goes from our NAT's public address (srflx, from our STUN) to theirs. */
  private static void assertDirectThroughNats(MeshPeer peer, Home own, Home other, PublicServer server) {
    Map<?, ?> path = peer.path();
    LOG.info("{} selected path: {}", peer.name(), path);
    Map<?, ?> local = (Map<?, ?>) path.get("local");
    Map<?, ?> remote = (Map<?, ?>) path.get("remote");
    assertAll(peer.name() + " path " + path,
        () -> assertEquals("direct", path.get("kind"), "the library's path kind"),
        () -> assertEquals("srflx", local.get("type"), "local candidate type"),
        () -> assertEquals(own.publicAddress(), local.get("address"), "local candidate address: our NAT's"),
        () -> assertEquals(server.stunUrl(), local.get("url"), "the STUN server the srflx candidate came from"),
        () -> assertTrue(Set.of("srflx", "prflx").contains(remote.get("type")), "remote candidate type"),
        () -> assertEquals(other.publicAddress(), remote.get("address"), "remote candidate address: their NAT's"),
        () -> assertEquals("udp", local.get("protocol"), "transport"));
  }
}
