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
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 6, cases 1 and 2 between a browser and a Java peer (module {@code peer}, a child JVM in the
 * other home): through cone NATs they connect directly, through symmetric NATs via our TURN relay;
 * 8 MiB go each way with matching SHA-256.
 */
@Tag("netns")
@ExtendWith(NetnsGuard.class)
class BrowserAndJavaPeerAcrossNatsTest {

  private static final Logger LOG = LoggerFactory.getLogger(BrowserAndJavaPeerAcrossNatsTest.class);
  private static final int SIZE = 8 * 1024 * 1024;
  private static final Duration CONNECT = Duration.ofSeconds(30);
  private static final Duration TRANSFER = Duration.ofSeconds(60);

  @RegisterExtension final Browsers browsers = new Browsers();

  @ParameterizedTest(name = "behind {0} NATs the path is {1} and 8 MiB cross each way intact")
  @CsvSource({"ENDPOINT_INDEPENDENT, direct", "ADDRESS_AND_PORT_DEPENDENT, relayed"})
  void aBrowserAndAJavaPeerInDifferentHomesExchangeBytesIntact(NatMapping mapping, String kind, @TempDir Path logs) {
    try (Topology t = Topology.create()) {
      Home home1 = t.home(1, mapping);
      Home home2 = t.home(2, mapping);
      try (PublicServer server = PublicServer.start(home1.gateway())) {
        long started = System.nanoTime();
        MeshPeer alice = MeshPeer.join(browsers, "alice", home1, server, "nat-java", CONNECT, "swarm");
        JavaPeerProcess java = JavaPeerProcess.start(home2, server, "nat-java", SIZE, logs.resolve("java-peer.log"));
        alice.awaitOpen(CONNECT);
        java.await("connected", CONNECT);
        LOG.info("{}: browser and Java peer connected in {} ms", mapping, (System.nanoTime() - started) / 1_000_000);

        alice.expect(SIZE);
        String sentByBrowser = alice.sendRandom(SIZE, TRANSFER);
        assertEquals(SIZE + " " + sentByBrowser, java.await("received", TRANSFER), "browser -> Java peer");
        String sentByJava = java.await("sent", TRANSFER);
        assertEquals(sentByJava, SIZE + " " + alice.awaitReceived(SIZE, TRANSFER), "Java peer -> browser");
        LOG.info("{}: 2 x {} MiB intact after {} ms", mapping, SIZE >> 20, (System.nanoTime() - started) / 1_000_000);

        // ICE may nominate a relayed pair first and move to a direct one later: let it settle.
        Map<?, ?> path = Poll.until("the browser's path to become " + kind, Duration.ofSeconds(15), () -> {
          Map<?, ?> p = alice.path();
          return kind.equals(p.get("kind")) ? Optional.of(p) : Optional.empty();
        });
        boolean relayed = "relayed".equals(kind);
        String javaPath = java.await("path", p -> isRelayed(p) == relayed, Duration.ofSeconds(15));
        LOG.info("{}: browser path {}; Java peer path {}", mapping, path, javaPath);
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
