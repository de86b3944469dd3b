package io.swarmrtc.peer.internal.rtc;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Two real peer connections in this JVM, signaled by handing SDP and candidates straight across
 * (no server), with one channel {@code data} opened by {@code offerer}. For tests.
 */
final class ConnectedPair implements AutoCloseable {
  final RtcRuntime runtime;
  final RtcConnection offerer;
  final RtcConnection answerer;
  final RtcChannel offererChannel;
  final RtcChannel answererChannel;
  /** Every state the offerer went through, in order. */
  final List<RtcConnection.State> offererStates;

  private ConnectedPair(RtcRuntime runtime, RtcConnection offerer, RtcConnection answerer,
      RtcChannel offererChannel, RtcChannel answererChannel, List<RtcConnection.State> offererStates) {
    this.runtime = runtime;
    this.offerer = offerer;
    this.answerer = answerer;
    this.offererChannel = offererChannel;
    this.answererChannel = answererChannel;
    this.offererStates = offererStates;
  }

  /** Connects and waits until the channel is open on both ends; the offerer is the impolite side. */
  static ConnectedPair open(RtcConfig config, boolean ordered, RtcChannel.Listener answererListener)
      throws Exception {
    return open(config, config, false, ordered, answererListener);
  }

  /** Like {@link #open(RtcConfig, boolean, RtcChannel.Listener)}, each side with its own settings. */
  static ConnectedPair open(RtcConfig offererConfig, RtcConfig answererConfig, boolean offererPolite, boolean ordered,
      RtcChannel.Listener answererListener) throws Exception {
    RtcRuntime runtime = RtcRuntime.acquire();
    RtcConnection[] ends = new RtcConnection[2];
    CompletableFuture<RtcChannel> remote = new CompletableFuture<>();
    CompletableFuture<Void> answererOpen = new CompletableFuture<>();
    CompletableFuture<Void> offererOpen = new CompletableFuture<>();
    ends[1] = RtcConnection.open(runtime, answererConfig, "answerer", !offererPolite, false,
        signalsTo(() -> ends[0]), new RtcConnection.Listener() {
          @Override
          public void onRemoteChannel(RtcConnection c, RtcChannel channel) {
            channel.setListener(new RtcChannel.Listener() {
              @Override
              public void onOpen(RtcChannel ch) {
                answererOpen.complete(null);
                answererListener.onOpen(ch);
              }

              @Override
              public void onMessage(RtcChannel ch, byte[] data, boolean binary) {
                answererListener.onMessage(ch, data, binary);
              }

              @Override
              public void onClose(RtcChannel ch) {
                answererListener.onClose(ch);
              }
            });
            remote.complete(channel);
          }
        });
    List<RtcConnection.State> states = new CopyOnWriteArrayList<>();
    ends[0] = RtcConnection.open(runtime, offererConfig, "offerer", offererPolite, true,
        signalsTo(() -> ends[1]), new RtcConnection.Listener() {
          @Override
          public void onStateChange(RtcConnection c, RtcConnection.State state) {
            states.add(state);
          }
        });
    RtcChannel local = ends[0].createChannel("data", ordered);
    local.setListener(new RtcChannel.Listener() {
      @Override
      public void onOpen(RtcChannel ch) {
        offererOpen.complete(null);
      }

      @Override
      public void onMessage(RtcChannel ch, byte[] data, boolean binary) {}
    });
    ends[0].offer();
    try {
      offererOpen.get(20, TimeUnit.SECONDS);
      answererOpen.get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      ends[0].close();
      ends[1].close();
      runtime.release();
      throw new AssertionError("channel did not open on both ends (offerer " + ends[0].state()
          + ", answerer " + ends[1].state() + "); is this running inside scripts/in-netns.sh?", e);
    }
    return new ConnectedPair(runtime, ends[0], ends[1], local, remote.get(), states);
  }

  private static RtcConnection.Signals signalsTo(java.util.function.Supplier<RtcConnection> other) {
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

  @Override
  public void close() {
    offerer.close();
    answerer.close();
    runtime.release();
  }
}
