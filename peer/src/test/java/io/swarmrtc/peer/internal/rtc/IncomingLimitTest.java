package io.swarmrtc.peer.internal.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A peer that sends faster than its messages are taken is closed once its waiting messages pass the
 * channel's incoming limit, with a reason; another peer's channel keeps delivering meanwhile.
 */
@Tag("netns")
class IncomingLimitTest {
  private static final int MESSAGE = 64 * 1024;
  private static final long LIMIT = 1 << 20;

  @Test
  void aFloodingPeerIsClosedWithAReasonWhileAnotherPeerKeepsDelivering() throws Exception {
    RtcConfig config = RtcConfig.builder().incomingLimit(LIMIT).build();
    CountDownLatch unblock = new CountDownLatch(1);
    CompletableFuture<Void> floodedClosed = new CompletableFuture<>();
    RtcChannel.Listener stuck = new RtcChannel.Listener() { // a consumer that stops taking messages
      @Override
      public void onMessage(RtcChannel ch, byte[] data, boolean binary) {
        try {
          unblock.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }

      @Override
      public void onClose(RtcChannel ch) {
        floodedClosed.complete(null);
      }
    };
    int otherMessages = 32;
    AtomicInteger otherReceived = new AtomicInteger();
    CompletableFuture<Void> otherDone = new CompletableFuture<>();
    RtcChannel.Listener counting = (ch, data, binary) -> {
      if (otherReceived.incrementAndGet() == otherMessages) {
        otherDone.complete(null);
      }
    };
    try (ConnectedPair flooded = ConnectedPair.open(config, true, stuck);
         ConnectedPair other = ConnectedPair.open(config, true, counting)) {
      try {
        for (int i = 0; i < 3 * LIMIT / MESSAGE; i++) {
          flooded.offererChannel.send(new byte[MESSAGE]);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (flooded.answererChannel.closeReason() == null) {
          assertTrue(System.nanoTime() < deadline, "the flooded channel gives up within 30 s");
          Thread.sleep(10); // polling the channel's state with a deadline
        }
        assertTrue(flooded.answererChannel.closeReason().contains("more than " + LIMIT + " bytes"),
            flooded.answererChannel.closeReason());

        for (int i = 0; i < otherMessages; i++) { // the consumer of the flood is still stuck
          other.offererChannel.send(new byte[MESSAGE]);
        }
        otherDone.get(30, TimeUnit.SECONDS);
        assertEquals(1, unblock.getCount(), "the other peer was served while the flooded consumer was stuck");
        assertNull(other.answererChannel.closeReason());
      } finally {
        unblock.countDown();
      }
      floodedClosed.get(30, TimeUnit.SECONDS);
      assertTrue(!flooded.answererChannel.isOpen());
    }
  }
}
