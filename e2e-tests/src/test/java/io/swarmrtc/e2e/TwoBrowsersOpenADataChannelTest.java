package io.swarmrtc.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.swarmrtc.e2e.harness.Browsers;
import io.swarmrtc.e2e.harness.Chromium;
import io.swarmrtc.e2e.harness.NetnsGuard;
import io.swarmrtc.e2e.harness.Poll;
import io.swarmrtc.e2e.harness.StaticSite;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves the harness: two separate Chromium processes connect a data channel with no signaling
 * server (the test carries SDP and candidates through Selenium) and move 8 MiB intact over a
 * direct host-to-host path.
 */
@Tag("netns")
@ExtendWith(NetnsGuard.class)
class TwoBrowsersOpenADataChannelTest {

  private static final Logger LOG = LoggerFactory.getLogger(TwoBrowsersOpenADataChannelTest.class);
  private static final int SIZE = 8 * 1024 * 1024;
  private static final int SEED = 0x5eed_1234;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(60);

  @RegisterExtension final Browsers browsers = new Browsers();

  private static StaticSite site;

  @BeforeAll
  static void serveTestPage() {
    site = StaticSite.classpath("/pages");
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  @Test
  void twoBrowserProcessesMoveEightMebibytesIntactOverADirectHostPath() {
    Chromium alice = browsers.start("alice");
    Chromium bob = browsers.start("bob");
    assertNotEquals(alice.browserPid(), bob.browserPid(), "each Chromium is its own browser process");
    for (Chromium c : List.of(alice, bob)) {
      c.open(site.uri("/datachannel.html"));
      c.waitForJs("return typeof window.peer === 'object'", Duration.ofSeconds(5), "the test page to load in " + c.name());
    }

    long connectStarted = System.nanoTime();
    Object offer = alice.call("return await peer.createOffer()", Duration.ofSeconds(5));
    Object answer = bob.call("return await peer.acceptOffer(arguments[0])", Duration.ofSeconds(5), offer);
    alice.call("await peer.acceptAnswer(arguments[0])", Duration.ofSeconds(5), answer);
    relayCandidatesUntilBothChannelsOpen(alice, bob);
    long connectMillis = (System.nanoTime() - connectStarted) / 1_000_000;

    bob.js("peer.expect(arguments[0])", SIZE);
    long transferStarted = System.nanoTime();
    Map<?, ?> sent = (Map<?, ?>) alice.call("return await peer.sendRandom(arguments[0], arguments[1])",
        TRANSFER_TIMEOUT, SIZE, SEED);
    Map<?, ?> received = (Map<?, ?>) bob.waitForJs(
        "const r = peer.received(); return r && (r.error || r.sha256) ? r : null",
        "return peer.received()", TRANSFER_TIMEOUT, "bob to receive and hash " + SIZE + " bytes");
    long transferMillis = (System.nanoTime() - transferStarted) / 1_000_000;

    LOG.info("Chromium start: alice {} ms, bob {} ms; offer -> both channels open {} ms; "
            + "{} MiB in {} ms ({} MB/s)",
        alice.startDuration().toMillis(), bob.startDuration().toMillis(), connectMillis,
        SIZE >> 20, transferMillis, transferMillis == 0 ? "?" : SIZE / 1000 / transferMillis);

    assertAll(
        () -> assertEquals(null, received.get("error"), "receiver error"),
        () -> assertEquals((long) SIZE, ((Number) received.get("received")).longValue(), "bytes received"),
        () -> assertEquals(sent.get("sha256"), received.get("sha256"), "SHA-256 sent vs received"));
    for (Chromium c : List.of(alice, bob)) {
      Map<?, ?> pair = (Map<?, ?>) c.call("return await peer.selectedPair()", Duration.ofSeconds(5));
      assertNotNull(pair, c.name() + " has no selected candidate pair in getStats()");
      LOG.info("{} selected pair: {}", c.name(), pair);
      assertEquals("host", ((Map<?, ?>) pair.get("local")).get("type"), c.name() + " local candidate " + pair);
      assertEquals("host", ((Map<?, ?>) pair.get("remote")).get("type"), c.name() + " remote candidate " + pair);
    }
  }

  /** Trickles candidates both ways until both channels are open; fails with a diagnosis if not. */
  private static void relayCandidatesUntilBothChannelsOpen(Chromium alice, Chromium bob) {
    try {
      Poll.until("the data channel to open on both sides", CONNECT_TIMEOUT, () -> {
        relay(alice, bob);
        relay(bob, alice);
        boolean open = "open".equals(state(alice).get("channel")) && "open".equals(state(bob).get("channel"));
        return open ? Optional.of(true) : Optional.empty();
      });
    } catch (AssertionError timeout) {
      Map<?, ?> a = state(alice);
      Map<?, ?> b = state(bob);
      String hint = ((Number) a.get("gathered")).longValue() == 0 || ((Number) b.get("gathered")).longValue() == 0
          ? "no ICE candidates were gathered: is the network namespace set up (veth " + NetnsGuard.INTERFACE
              + " with " + NetnsGuard.ADDRESS + ", Chromium flags --allow-loopback-in-peer-connection and "
              + "--use-fake-ui-for-media-stream)?"
          : "candidates were exchanged but ICE did not connect";
      throw new AssertionError(timeout.getMessage() + ": " + hint + " alice=" + a + " bob=" + b, timeout);
    }
  }

  private static void relay(Chromium from, Chromium to) {
    List<?> candidates = (List<?>) from.js("return peer.takeCandidates()");
    if (!candidates.isEmpty()) {
      to.call("await peer.addCandidates(arguments[0])", Duration.ofSeconds(5), candidates);
    }
  }

  private static Map<?, ?> state(Chromium c) {
    return (Map<?, ?>) c.js("return peer.state()");
  }
}
