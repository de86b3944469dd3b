package io.swarmrtc.peer.internal.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("netns")
class NegotiationTest {
  private static String ufrag(String sdp) {
    return Arrays.stream(sdp.split("\r\n")).filter(l -> l.startsWith("a=ice-ufrag:")).findFirst().orElseThrow();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(10); // polling a condition with a deadline
    }
  }

  @Test
  @DisplayName("ICE restarts offered by both sides at once are settled by perfect negotiation")
  void simultaneousIceRestartsSettle() throws Exception {
    CompletableFuture<byte[]> received = new CompletableFuture<>();
    try (ConnectedPair pair = ConnectedPair.open(RtcConfig.builder().build(), true,
        (ch, data, binary) -> received.complete(data))) {
      String before = ufrag(pair.offerer.localSdp());
      String remoteBefore = ufrag(pair.answerer.localSdp());
      pair.offerer.restartIce();
      pair.answerer.restartIce();
      await("both sides have new ICE credentials and are stable", () ->
          !before.equals(ufrag(pair.offerer.localSdp()))
              && !remoteBefore.equals(ufrag(pair.answerer.localSdp()))
              && "STABLE".equals(pair.offerer.signalingStateName())
              && "STABLE".equals(pair.answerer.signalingStateName()));
      await("connected again", () -> pair.offerer.state() == RtcConnection.State.CONNECTED
          && pair.answerer.state() == RtcConnection.State.CONNECTED);
      pair.offererChannel.send(new byte[] {42}).get(10, TimeUnit.SECONDS);
      assertEquals(42, received.get(10, TimeUnit.SECONDS)[0]);
      assertNotEquals(before, ufrag(pair.offerer.localSdp()));
    }
  }

  @Test
  @DisplayName("a message of exactly 256 KiB is carried and a larger one is refused before it can close the channel")
  void theMessageSizeLimitIsEnforced() throws Exception {
    CompletableFuture<Integer> size = new CompletableFuture<>();
    try (ConnectedPair pair = ConnectedPair.open(RtcConfig.builder().build(), true,
        (ch, data, binary) -> size.complete(data.length))) {
      assertThrows(IllegalArgumentException.class,
          () -> pair.offererChannel.send(new byte[RtcConfig.MAX_MESSAGE_SIZE + 1]));
      pair.offererChannel.send(new byte[RtcConfig.MAX_MESSAGE_SIZE]).get(10, TimeUnit.SECONDS);
      assertEquals(RtcConfig.MAX_MESSAGE_SIZE, size.get(10, TimeUnit.SECONDS));
      assertEquals(true, pair.offererChannel.isOpen());
    }
  }
}
