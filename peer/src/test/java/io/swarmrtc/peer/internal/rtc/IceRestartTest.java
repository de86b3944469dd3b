package io.swarmrtc.peer.internal.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Cuts the path with iptables inside the test's network namespace (UDP dropped), so the connection
 * really fails (~15 s in libwebrtc), then restores it: an ICE restart reconnects and the same
 * channel carries on. The restart comes from the side that did not make the first offer (the
 * impolite answerer here; the polite offerer leaves it to that side): either side recovers a
 * connection, which is the part a browser on the other end relies on. Which side restarts when is
 * {@link IceRecovery}'s policy, unit-tested in {@link IceRecoveryTest}.
 */
@Tag("netns")
class IceRestartTest {
  private static void iptables(String action) throws Exception {
    Process p = new ProcessBuilder("iptables", action, "INPUT", "-p", "udp", "-j", "DROP")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("iptables " + action + " failed (run inside scripts/in-netns.sh): " + out);
    }
  }

  private static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20); // polling a condition with a deadline
    }
  }

  @Test
  @DisplayName("a connection that fails is restored by the answerer's ICE restart once the path is back")
  void failedConnectionIsRestoredByIceRestart() throws Exception {
    CompletableFuture<byte[]> received = new CompletableFuture<>();
    // Restarts on "failed" only (not after a short "disconnected"), so the restart is what brings it back.
    RtcConfig answerer = RtcConfig.builder().maxIceRestarts(5).failedGrace(Duration.ofSeconds(5))
        .disconnectedGrace(Duration.ofMinutes(5)).build();
    // The offerer never restarts by itself within this test (polite, long delays): only the answerer's restarts count.
    RtcConfig offerer = answerer.toBuilder().politeRestartDelay(Duration.ofMinutes(5)).failedGrace(Duration.ofMinutes(5))
        .build();
    try (ConnectedPair pair = ConnectedPair.open(offerer, answerer, true, true,
        (ch, data, binary) -> received.complete(data))) {
      iptables("-A");
      try {
        await("the connection fails", 40, () -> pair.offererStates.contains(RtcConnection.State.FAILED));
      } finally {
        iptables("-D");
      }
      int failedAt = pair.offererStates.lastIndexOf(RtcConnection.State.FAILED);
      await("connected again", 30, () -> pair.offererStates.subList(failedAt, pair.offererStates.size())
          .contains(RtcConnection.State.CONNECTED));
      assertFalse(pair.offerer.isClosed() || pair.answerer.isClosed());
      pair.offererChannel.send(new byte[] {9}).get(10, TimeUnit.SECONDS);
      assertEquals(9, received.get(10, TimeUnit.SECONDS)[0]);
    }
  }
}
