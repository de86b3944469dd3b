package io.swarmrtc.e2e.nat;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.swarmrtc.e2e.harness.Browsers;
import io.swarmrtc.e2e.harness.Home;
import io.swarmrtc.e2e.harness.NatMapping;
import io.swarmrtc.e2e.harness.NetnsGuard;
import io.swarmrtc.e2e.harness.Topology;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 6, case 3: a home whose router drops all UDP still connects: its browser reaches our TURN
 * server over TCP (port 3478), and the relay carries the bytes intact to a peer in a normal home.
 */
@Tag("netns")
@ExtendWith(NetnsGuard.class)
class TurnOverTcpTest {

  private static final Logger LOG = LoggerFactory.getLogger(TurnOverTcpTest.class);
  private static final int SIZE = 8 * 1024 * 1024;
  private static final Duration CONNECT = Duration.ofSeconds(20);

  @RegisterExtension final Browsers browsers = new Browsers();

  @Test
  void aBrowserInAHomeWithoutUdpConnectsThroughTurnOverTcpAndItsBytesArriveIntact() {
    try (Topology t = Topology.create()) {
      Home noUdp = t.home(1, NatMapping.ENDPOINT_INDEPENDENT);
      Home open = t.home(2, NatMapping.ENDPOINT_INDEPENDENT);
      noUdp.router().iptables("-A", "FORWARD", "-p", "udp", "-j", "DROP");
      try (PublicServer server = PublicServer.start(noUdp.gateway())) {
        long started = System.nanoTime();
        MeshPeer alice = MeshPeer.join(browsers, "alice", noUdp, server, "nat-tcp", CONNECT);
        MeshPeer bob = MeshPeer.join(browsers, "bob", open, server, "nat-tcp", CONNECT);
        alice.awaitOpen(CONNECT);
        bob.awaitOpen(CONNECT);
        LOG.info("Both browsers started, joined and connected in {} ms", (System.nanoTime() - started) / 1_000_000);

        MeshPeer.transferIntact(alice, bob, SIZE, Duration.ofSeconds(60));
        MeshPeer.transferIntact(bob, alice, SIZE, Duration.ofSeconds(60));

        Map<?, ?> path = alice.path();
        LOG.info("alice selected path: {}", path);
        Map<?, ?> local = (Map<?, ?>) path.get("local");
        assertAll("alice's path " + path,
            () -> assertEquals("relayed", path.get("kind"), "the library's path kind"),
            () -> assertEquals("relay", local.get("type"), "local candidate type"),
            () -> assertEquals("tcp", local.get("relayProtocol"), "alice reaches the TURN server over TCP"),
            () -> assertEquals(server.turnUrlPrefix() + "?transport=tcp", local.get("url"), "TURN URL"));
        RelayWhenNoDirectPathTest.assertRelayed(bob, server);
      }
    }
  }
}
