package io.swarmrtc.e2e.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.e2e.harness.Browsers;
import io.swarmrtc.e2e.harness.Home;
import io.swarmrtc.e2e.harness.NatMapping;
import io.swarmrtc.e2e.harness.NetnsGuard;
import io.swarmrtc.e2e.harness.Poll;
import io.swarmrtc.e2e.harness.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 6, cases 1 to 3 between a browser and a Java peer (module {@code peer}, a child JVM in the
 * other home): through cone NATs they connect directly, through symmetric NATs via our TURN relay,
 * and from a home without UDP the Java peer relays over TURN/TCP; 8 MiB go each way with matching
 * SHA-256.
 */
@Tag("netns")
@ExtendWith(NetnsGuard.class)
class BrowserAndJavaPeerAcrossNatsTest {

  private static final Logger LOG = LoggerFactory.getLogger(BrowserAndJavaPeerAcrossNatsTest.class);
  private static final int SIZE = 8 * 1024 * 1024;
  private static final Duration CONNECT = Duration.ofSeconds(30);
  private static final Duration TRANSFER = Duration.ofSeconds(60);

  @RegisterExtension final Browsers browsers = new Browsers();

  /** The homes' networks, and the path the peers must end up on. */
  enum Network {
    CONE_NATS(NatMapping.ENDPOINT_INDEPENDENT, false, "direct"),
    SYMMETRIC_NATS(NatMapping.ADDRESS_AND_PORT_DEPENDENT, false, "relayed"),
    /** The Java peer's router drops all UDP: only TURN over TCP gets it out. */
    NO_UDP_AT_THE_JAVA_PEERS_HOME(NatMapping.ENDPOINT_INDEPENDENT, true, "relayed");

    final NatMapping mapping;
    final boolean javaHomeDropsUdp;
    final String kind;

    Network(NatMapping mapping, boolean javaHomeDropsUdp, String kind) {
      this.mapping = mapping;
      this.javaHomeDropsUdp = javaHomeDropsUdp;
      this.kind = kind;
    }
  }

  @ParameterizedTest(name = "{0}: 8 MiB cross each way intact on the expected path")
  @EnumSource(Network.class)
  void aBrowserAndAJavaPeerInDifferentHomesExchangeBytesIntact(Network network, @TempDir Path logs) {
    NatMapping mapping = network.mapping;
    String kind = network.kind;
    try (Topology t = Topology.create()) {
      Home home1 = t.home(1, mapping);
      Home home2 = t.home(2, mapping);
      if (network.javaHomeDropsUdp) {
        home2.router().iptables("-A", "FORWARD", "-p", "udp", "-j", "DROP");
      }
      try (PublicServer server = PublicServer.start(home1.gateway())) {
        long started = System.nanoTime();
        MeshPeer alice = MeshPeer.join(browsers, "alice", home1, server, "nat-java", CONNECT, "swarm");
        JavaPeerProcess java = JavaPeerProcess.start(home2, server, "nat-java", SIZE, logs.resolve("java-peer.log"));
        alice.awaitOpen(CONNECT);
        java.await("connected", CONNECT);
        LOG.info("{}: browser and Java peer connected in {} ms", network, (System.nanoTime() - started) / 1_000_000);

        alice.expect(SIZE);
        String sentByBrowser = alice.sendRandom(SIZE, TRANSFER);
        assertEquals(SIZE + " " + sentByBrowser, java.await("received", TRANSFER), "browser -> Java peer");
        String sentByJava = java.await("sent", TRANSFER);
        assertEquals(sentByJava, SIZE + " " + alice.awaitReceived(SIZE, TRANSFER), "Java peer -> browser");
        LOG.info("{}: 2 x {} MiB intact after {} ms", network, SIZE >> 20, (System.nanoTime() - started) / 1_000_000);

        // ICE may nominate a relayed pair first and move to a direct one later: let it settle.
        Map<?, ?> path = Poll.until("the browser's path to become " + kind, Duration.ofSeconds(15), () -> {
          Map<?, ?> p = alice.path();
          return kind.equals(p.get("kind")) ? Optional.of(p) : Optional.empty();
        });
        boolean relayed = "relayed".equals(kind);
        String javaPath = java.await("path", p -> isRelayed(p) == relayed, Duration.ofSeconds(15));
        LOG.info("{}: browser path {}; Java peer path {}", network, path, javaPath);
        if (network.javaHomeDropsUdp) {
          assertTrue(javaPath.startsWith("relay "), "the Java peer's own end is a relay candidate: " + javaPath);
        }
        if ("relayed".equals(kind)) {
          assertTrue(server.turnRelayedBytes() >= 2L * SIZE, "our TURN relay carried both transfers");
        } else {
          assertTrue(javaPath.contains(home1.publicAddress()), "the Java peer talks to alice's NAT address: " + javaPath);
        }
      }
    }
  }

  /** A "path" line of {@link JavaPeerMain}: LOCAL_TYPE LOCAL_ADDRESS REMOTE_TYPE REMOTE_ADDRESS PROTOCOL. */
  private static boolean isRelayed(String javaPath) {
    String[] f = javaPath.split(" ");
    return "relay".equals(f[0]) || (f.length > 2 && "relay".equals(f[2]));
  }
}
