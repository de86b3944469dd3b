package io.swarmrtc.e2e.nat;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.e2e.harness.Browsers;
import io.swarmrtc.e2e.harness.Home;
import io.swarmrtc.e2e.harness.NatMapping;
import io.swarmrtc.e2e.harness.NetnsGuard;
import io.swarmrtc.e2e.harness.Topology;
import io.swarmrtc.server.ServerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 6, case 4: when only a relay could connect two homes (both behind symmetric NATs) and our
 * TURN server rejects the credentials that /api/ice-servers handed out, the browser library says
 * so: the peer connection fails with ICE_TIMEOUT or ICE_FAILED whose details name the rejected
 * TURN credentials, instead of hanging.
 *
 * <p>The embedded TURN server shares secret and clock with the signaling server, so it cannot
 * disagree with it; the credentials go bad where they can in production: a TURN server run
 * separately ({@code --ice-urls}) with another secret, or with a clock the signaling server's is
 * a day behind (what it issues has expired on arrival, as old credentials would).
 */
@Tag("netns")
@ExtendWith(NetnsGuard.class)
class TurnCredentialsRejectedTest {

  private static final Logger LOG = LoggerFactory.getLogger(TurnCredentialsRejectedTest.class);
  /** The library's ICE timeout in these tests (the default is 15 s). */
  private static final Duration ICE_TIMEOUT = Duration.ofSeconds(8);
  /** The timeout, two ICE restarts after a "failed", and margin for starting browsers. */
  private static final Duration REPORTED_WITHIN = Duration.ofSeconds(45);

  @RegisterExtension final Browsers browsers = new Browsers();

  /** How the signaling server's TURN credentials go bad. */
  enum BadCredentials {
    /** The signaling server signs with another secret than the separate TURN server checks. */
    WRONG_SECRET(b -> b.turnSecret("not-the-turn-servers-secret")),
    /** The signaling server's clock is a day behind the TURN server's: its credentials arrive expired. */
    EXPIRED(b -> b.clock(Clock.offset(Clock.systemUTC(), Duration.ofHours(-25))));

    final UnaryOperator<ServerConfig.Builder> signaling;

    BadCredentials(UnaryOperator<ServerConfig.Builder> signaling) {
      this.signaling = signaling;
    }
  }

  @ParameterizedTest(name = "{0}: the error names the rejected TURN credentials")
  @EnumSource(BadCredentials.class)
  void rejectedTurnCredentialsEndTheConnectionWithAnErrorThatNamesThem(BadCredentials bad) {
    try (Topology t = Topology.create()) {
      Home home1 = t.home(1, NatMapping.ADDRESS_AND_PORT_DEPENDENT);
      Home home2 = t.home(2, NatMapping.ADDRESS_AND_PORT_DEPENDENT);
      try (PublicServer server = PublicServer.withSeparateTurn(home1.gateway(), bad.signaling)) {
        long started = System.nanoTime();
        MeshPeer alice = MeshPeer.join(browsers, "alice", home1, server, "nat-badturn", ICE_TIMEOUT);
        MeshPeer bob = MeshPeer.join(browsers, "bob", home2, server, "nat-badturn", ICE_TIMEOUT);
        for (MeshPeer peer : List.of(alice, bob)) {
          Map<?, ?> error = peer.awaitError(REPORTED_WITHIN);
          LOG.info("{}: {} reported after {} ms: {} (state {})", bad, peer.name(),
              (System.nanoTime() - started) / 1_000_000, error, peer.state());
          Map<?, ?> details = (Map<?, ?>) error.get("details");
          List<?> shown = peer.userMessages(error);
          LOG.info("{}: the web app tells the user: {}", peer.name(), shown.get(0));
          assertAll(peer.name() + " error " + error,
              () -> assertTrue(Set.of("ICE_TIMEOUT", "ICE_FAILED").contains(error.get("code")), "code"),
              () -> assertEquals("TURN_CREDENTIALS_REJECTED", details == null ? null : details.get("likelyCause"),
                  "details.likelyCause"),
              () -> assertNotEquals(shown.get(1), shown.get(0), "the web app names the cause, not just the code"));
        }
        assertTrue(server.turnErrors(401) > 0, "our TURN server answered 401");
      }
    }
  }
}
