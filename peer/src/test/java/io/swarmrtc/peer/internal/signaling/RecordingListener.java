package io.swarmrtc.peer.internal.signaling;

import io.swarmrtc.peer.internal.rtc.IceCandidate;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Records signaling events as short strings, and waits for one with a deadline. */
final class RecordingListener implements SignalingListener {
  final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  volatile SignalMessage.Joined lastJoined;

  @Override
  public void onJoined(SignalMessage.Joined joined) {
    lastJoined = joined;
    events.add("joined " + joined.peerId() + " resumed=" + joined.resumed() + " peers=" + joined.peers());
  }

  @Override
  public void onPeerJoined(String peerId) {
    events.add("peer-joined " + peerId);
  }

  @Override
  public void onPeerLeft(String peerId) {
    events.add("peer-left " + peerId);
  }

  @Override
  public void onOffer(String from, String sdp) {
    events.add("offer " + from + " " + sdp);
  }

  @Override
  public void onAnswer(String from, String sdp) {
    events.add("answer " + from + " " + sdp);
  }

  @Override
  public void onCandidate(String from, IceCandidate c) {
    events.add("candidate " + from + " " + c.candidate() + " " + c.sdpMid() + " " + c.sdpMLineIndex());
  }

  @Override
  public void onError(SignalingErrorCode code, String message) {
    events.add("error " + code);
  }

  @Override
  public void onDisconnected(SignalingException cause) {
    events.add("disconnected");
  }

  @Override
  public void onClosed(SignalingException cause) {
    events.add("closed " + cause.code());
  }

  /** Waits for the first event matching {@code p}, skipping others; fails after 10 s. */
  String await(Predicate<String> p) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      long left = deadline - System.nanoTime();
      String e = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
      if (e == null) {
        throw new AssertionError("expected event did not arrive; remaining: " + events);
      }
      if (p.test(e)) {
        return e;
      }
    }
  }

  String await(String prefix) throws InterruptedException {
    return await(e -> e.startsWith(prefix));
  }
}
