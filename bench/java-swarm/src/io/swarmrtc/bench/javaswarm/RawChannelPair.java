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
 * The baseline: two webrtc-java peer connections, one ordered data channel, the same channel
 * wrapper (RtcChannel: watermarks, exact-size sends) and the same message size and in-flight bound
 * as the swarm engine's uploads. The two ends live in this JVM ({@link #throughput}) or the
 * receiving end in another process ({@link #sendTo} here, {@link #receive} there, signaled through
 * {@link FarProcess}).
 */
final class RawChannelPair {
  private RawChannelPair() {}

  /** Both ends in this JVM: sends {@code total} bytes in messages of {@code messageSize}; returns bytes/s at the receiver. */
  static double throughput(long total, int messageSize, int inFlightBytes) throws Exception {
    RtcConnection[] ends = new RtcConnection[2];
    CompletableFuture<long[]> done = new CompletableFuture<>();
    RtcRuntime runtime = RtcRuntime.acquire();
    try {
      ends[1] = receive(runtime, total, signals(() -> ends[0]), done);
      ends[0] = RtcConnection.open(runtime, RtcConfig.builder().build(), "raw-offerer", false, true,
          signals(() -> ends[1]), new RtcConnection.Listener() {});
      long start = send(ends[0], total, messageSize, inFlightBytes);
      long[] received = done.get(120, TimeUnit.SECONDS);
      return received[0] / ((received[1] - start) / 1e9);
    } finally {
      for (RtcConnection c : ends) {
        if (c != null) {
          c.close();
        }
      }
      runtime.release();
    }
  }

  /**
   * The sending end of a pair whose receiving end runs in another process: {@code far} relays the
   * signals. Returns bytes/s at the receiver (System.nanoTime is one clock for every process here);
   * the far end's CPU time for the round goes into {@code farCpuNanos[0]}.
   */
  static double sendTo(FarProcess far, long total, int messageSize, int inFlightBytes, double[] farCpuNanos)
      throws Exception {
    RtcConnection[] end = new RtcConnection[1];
    RtcRuntime runtime = RtcRuntime.acquire();
    try {
      CompletableFuture<long[]> done = far.startRawReceiver(total, () -> end[0]);
      end[0] = RtcConnection.open(runtime, RtcConfig.builder().build(), "raw-offerer", false, true,
          far.signals(), new RtcConnection.Listener() {});
      long start = send(end[0], total, messageSize, inFlightBytes);
      long[] received = done.get(120, TimeUnit.SECONDS);
      farCpuNanos[0] = received[2];
      return received[0] / ((received[1] - start) / 1e9);
    } finally {
      if (end[0] != null) {
        end[0].close();
      }
      runtime.release();
    }
  }

  /** Opens the offering end's channel and sends; returns System.nanoTime() of the first send. */
  private static long send(RtcConnection offerer, long total, int messageSize, int inFlightBytes) throws Exception {
    CompletableFuture<Void> open = new CompletableFuture<>();
    RtcChannel channel = offerer.createChannel("data", true);
    channel.setListener(new RtcChannel.Listener() {
      @Override
      public void onOpen(RtcChannel ch) {
        open.complete(null);
      }

      @Override
      public void onMessage(RtcChannel ch, byte[] data, boolean binary) {}
    });
    offerer.offer();
    open.get(20, TimeUnit.SECONDS);
    Semaphore window = new Semaphore(inFlightBytes / messageSize);
    long start = System.nanoTime();
    for (long sent = 0; sent < total; sent += messageSize) {
      window.acquire();
      byte[] m = new byte[messageSize]; // a fresh array per message, as the engine does
      channel.send(m).whenComplete((v, t) -> window.release());
    }
    return start;
  }

  /**
   * The receiving (answering) end: completes {@code done} with {bytes received, System.nanoTime()}
   * once {@code total} bytes arrived.
   */
  static RtcConnection receive(RtcRuntime runtime, long total, RtcConnection.Signals signals,
      CompletableFuture<long[]> done) {
    AtomicLong received = new AtomicLong();
    return RtcConnection.open(runtime, RtcConfig.builder().build(), "raw-answerer", true, false, signals,
        new RtcConnection.Listener() {
          @Override
          public void onRemoteChannel(RtcConnection c, RtcChannel channel) {
            channel.setListener((ch, data, binary) -> {
              long all = received.addAndGet(data.length);
              if (all >= total) {
                done.complete(new long[] {all, System.nanoTime()});
              }
            });
          }
        });
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
