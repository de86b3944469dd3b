package io.swarmrtc.bench.javaswarm;

import io.swarmrtc.peer.internal.rtc.IceCandidate;
import io.swarmrtc.peer.internal.rtc.RtcChannel;
import io.swarmrtc.peer.internal.rtc.RtcConfig;
import io.swarmrtc.peer.internal.rtc.RtcConnection;
import io.swarmrtc.peer.internal.rtc.RtcRuntime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The baseline: two webrtc-java peer connections in this JVM (signaled directly), one ordered
 * data channel, the same channel wrapper (RtcChannel: watermarks, exact-size sends) and the same
 * message size and in-flight bound as the swarm engine's uploads.
 */
final class RawChannelPair {
  private RawChannelPair() {}

  /** Sends {@code total} bytes in messages of {@code messageSize}; returns bytes/s at the receiver. */
  static double throughput(long total, int messageSize, int inFlightBytes) throws Exception {
    RtcRuntime runtime = RtcRuntime.acquire();
    RtcConfig config = RtcConfig.builder().build();
    RtcConnection[] ends = new RtcConnection[2];
    AtomicLong received = new AtomicLong();
    CompletableFuture<Long> done = new CompletableFuture<>();
    CompletableFuture<Void> open = new CompletableFuture<>();
    try {
      ends[1] = RtcConnection.open(runtime, config, "raw-answerer", true, false, signals(() -> ends[0]),
          new RtcConnection.Listener() {
            @Override
            public void onRemoteChannel(RtcConnection c, RtcChannel channel) {
              channel.setListener((ch, data, binary) -> {
                if (received.addAndGet(data.length) >= total) {
                  done.complete(System.nanoTime());
                }
              });
            }
          });
      ends[0] = RtcConnection.open(runtime, config, "raw-offerer", false, true, signals(() -> ends[1]),
          new RtcConnection.Listener() {});
      RtcChannel channel = ends[0].createChannel("data", true);
      channel.setListener(new RtcChannel.Listener() {
        @Override
        public void onOpen(RtcChannel ch) {
          open.complete(null);
        }

        @Override
        public void onMessage(RtcChannel ch, byte[] data, boolean binary) {}
      });
      ends[0].offer();
      open.get(20, TimeUnit.SECONDS);
      Semaphore window = new Semaphore(inFlightBytes / messageSize);
      long start = System.nanoTime();
      for (long sent = 0; sent < total; sent += messageSize) {
        window.acquire();
        byte[] m = new byte[messageSize]; // a fresh array per message, as the engine does
        channel.send(m).whenComplete((v, t) -> window.release());
      }
      long end = done.get(120, TimeUnit.SECONDS);
      return received.get() / ((end - start) / 1e9);
    } finally {
      for (RtcConnection c : ends) {
        if (c != null) {
          c.close();
        }
      }
      runtime.release();
    }
  }

  private static RtcConnection.Signals signals(Supplier<RtcConnection> other) {
    return new RtcConnection.Signals() {
      @Override
      public void sendOffer(String sdp) {
        other.get().handleOffer(sdp);
      }

      @Override
      public void sendAnswer(String sdp) {
        other.get().handleAnswer(sdp);
      }

      @Override
      public void sendCandidate(IceCandidate candidate) {
        other.get().handleCandidate(candidate);
      }
    };
  }
}
