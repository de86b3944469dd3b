package io.swarmrtc.peer.internal.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Closing never crashes the JVM, whatever the order or the moment. */
@Tag("netns")
class TeardownTest {
  private static final RtcChannel.Listener IGNORE = (ch, data, binary) -> {};

  @Test
  @DisplayName("closing connections, channels and the runtime twice is harmless")
  void closeTwiceIsHarmless() throws Exception {
    ConnectedPair pair = ConnectedPair.open(RtcConfig.builder().build(), true, IGNORE);
    pair.offererChannel.close();
    pair.offererChannel.close();
    pair.offerer.close();
    pair.offerer.close();
    pair.answerer.close();
    pair.close();
    pair.close();
    assertTrue(pair.offerer.isClosed());
    assertEquals(RtcConnection.State.CLOSED, pair.offerer.state());
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> pair.offererChannel.send(new byte[1]).get(5, TimeUnit.SECONDS));
    assertInstanceOf(RtcClosedException.class, e.getCause());
  }

  @Test
  @DisplayName("closing during a transfer fails the queued sends and closes the remote channel")
  void closeDuringTransfer() throws Exception {
    CompletableFuture<Void> remoteClosed = new CompletableFuture<>();
    RtcChannel.Listener sink = new RtcChannel.Listener() {
      @Override
      public void onMessage(RtcChannel ch, byte[] data, boolean binary) {}

      @Override
      public void onClose(RtcChannel ch) {
        remoteClosed.complete(null);
      }
    };
    try (ConnectedPair pair = ConnectedPair.open(RtcConfig.builder().build(), true, sink)) {
      List<CompletableFuture<Void>> sends = new ArrayList<>();
      for (int i = 0; i < 256; i++) { // 16 MiB: far more than the high watermark lets through
        sends.add(pair.offererChannel.send(new byte[64 * 1024]));
      }
      pair.offerer.close();
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
          .handle((v, t) -> null).get(10, TimeUnit.SECONDS);
      long failed = sends.stream().filter(CompletableFuture::isCompletedExceptionally).count();
      assertTrue(failed > 0, "queued sends fail once the connection is closed");
      remoteClosed.get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("a connection can be closed from its own message callback")
  void closeFromCallback() throws Exception {
    CompletableFuture<RtcConnection> closedFromCallback = new CompletableFuture<>();
    RtcConnection[] answerer = new RtcConnection[1];
    RtcChannel.Listener closer = (ch, data, binary) -> {
      answerer[0].close();
      answerer[0].close();
      closedFromCallback.complete(answerer[0]);
    };
    try (ConnectedPair pair = ConnectedPair.open(RtcConfig.builder().build(), true, closer)) {
      answerer[0] = pair.answerer;
      pair.offererChannel.send(new byte[] {1});
      assertTrue(closedFromCallback.get(10, TimeUnit.SECONDS).isClosed());
      // The other side keeps working until it notices; sending to it must not crash either.
      pair.offererChannel.send(new byte[] {2}).handle((v, t) -> null).get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("releasing the runtime tears down live connections first, and a new runtime works")
  void runtimeTeardownClosesLiveConnections() throws Exception {
    ConnectedPair pair = ConnectedPair.open(RtcConfig.builder().build(), true, IGNORE);
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      sends.add(pair.offererChannel.send(new byte[64 * 1024]));
    }
    RtcRuntime.shutdownNow(); // as the shutdown hook would, with everything still open
    assertFalse(pair.runtime.isAlive());
    assertTrue(pair.offerer.isClosed() && pair.answerer.isClosed());
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
        .handle((v, t) -> null).get(10, TimeUnit.SECONDS);
    assertFalse(pair.offererChannel.isOpen());
    pair.close(); // closing again after teardown touches nothing native

    try (ConnectedPair again = ConnectedPair.open(RtcConfig.builder().build(), true, IGNORE)) {
      again.offererChannel.send(new byte[] {7}).get(10, TimeUnit.SECONDS);
    }
  }
}
