package io.swarmrtc.peer.internal.rtc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("netns")
class DataChannelTransferTest {
  private static final int MESSAGE = 64 * 1024;
  private static final long TOTAL = 64L << 20;

  @Test
  @DisplayName("64 MiB in 64 KiB messages arrive intact (SHA-256) with backpressure, then close cleanly")
  void bigTransferArrivesIntact() throws Exception {
    MessageDigest received = MessageDigest.getInstance("SHA-256");
    CompletableFuture<Long> allReceived = new CompletableFuture<>();
    long[] count = {0};
    long[] maxBuffered = {0};
    RtcChannel.Listener sink = (ch, data, binary) -> {
      received.update(data);
      count[0] += data.length;
      if (count[0] == TOTAL) {
        allReceived.complete(count[0]);
      }
    };
    RtcConfig config = RtcConfig.builder().build();
    try (ConnectedPair pair = ConnectedPair.open(config, true, sink)) {
      MessageDigest sent = MessageDigest.getInstance("SHA-256");
      Random random = new Random(42);
      ArrayDeque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
      for (long off = 0; off < TOTAL; off += MESSAGE) {
        byte[] chunk = new byte[MESSAGE];
        random.nextBytes(chunk);
        sent.update(chunk);
        inFlight.add(pair.offererChannel.send(chunk));
        if (inFlight.size() > 16) {
          inFlight.poll().get(30, TimeUnit.SECONDS);
        }
        maxBuffered[0] = Math.max(maxBuffered[0], pair.offererChannel.bufferedAmount());
      }
      for (CompletableFuture<Void> f : inFlight) {
        f.get(30, TimeUnit.SECONDS);
      }
      assertEquals(TOTAL, allReceived.get(120, TimeUnit.SECONDS));
      assertArrayEquals(sent.digest(), received.digest());
      assertTrue(maxBuffered[0] <= config.highWatermark() + 17L * MESSAGE,
          "buffered amount stayed bounded, max " + maxBuffered[0]);
      PathInfo path = pair.offerer.pathInfo().get(10, TimeUnit.SECONDS);
      assertTrue(path != null && path.direct(), "a direct path is reported: " + path);
      assertEquals("host", path.localCandidateType());
    }
  }

  @Test
  @DisplayName("10,000 small messages arrive in order, text and binary kept apart")
  void manySmallMessagesArriveInOrder() throws Exception {
    int n = 10_000;
    List<Integer> got = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    RtcChannel.Listener sink = (ch, data, binary) -> {
      if (binary) {
        got.add(ByteBuffer.wrap(data).getInt());
      } else {
        texts.add(new String(data, java.nio.charset.StandardCharsets.UTF_8));
      }
      if (got.size() == n && texts.size() == 1) {
        done.complete(null);
      }
    };
    try (ConnectedPair pair = ConnectedPair.open(RtcConfig.builder().build(), true, sink)) {
      CompletableFuture<Void> last = null;
      for (int i = 0; i < n; i++) {
        last = pair.offererChannel.send(ByteBuffer.allocate(4).putInt(i).array());
      }
      pair.offererChannel.sendText("héllo");
      last.get(30, TimeUnit.SECONDS);
      done.get(60, TimeUnit.SECONDS);
      for (int i = 0; i < n; i++) {
        assertEquals(i, got.get(i), "message " + i);
      }
      assertEquals(List.of("héllo"), texts);
    }
  }
}
