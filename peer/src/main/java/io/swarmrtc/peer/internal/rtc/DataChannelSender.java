package io.swarmrtc.peer.internal.rtc;

import java.util.concurrent.CompletableFuture;

/**
 * The sending side of one data channel, with backpressure.
 *
 * <p>Every send returns a future that completes when the message has been handed to the native
 * channel, which happens only while the channel's buffered amount is under the high watermark; it
 * fails with {@link RtcClosedException} if the channel closes first. Callers that wait for each
 * future (or keep a bounded number in flight) therefore keep memory bounded whatever they send.
 * Futures complete on a pool thread, or on the channel's sending thread when nothing depends on
 * them yet: dependent stages must not block (hand blocking work to an executor of your own).
 */
public interface DataChannelSender {
  /** The channel's label, e.g. {@code swarm} or {@code chat}. */
  String label();

  /**
   * Queues one binary message. The array is sent as is and must not be modified afterwards.
   *
   * @throws IllegalArgumentException if the message is over {@link RtcConfig#MAX_MESSAGE_SIZE}
   */
  CompletableFuture<Void> send(byte[] message);

  /**
   * Queues one text message (UTF-8).
   *
   * @throws IllegalArgumentException if its UTF-8 form is over {@link RtcConfig#MAX_MESSAGE_SIZE}
   */
  CompletableFuture<Void> sendText(String text);

  /** True while the channel is open. */
  boolean isOpen();

  /** Bytes queued here plus bytes buffered in the native channel. */
  long bufferedAmount();
}
