package io.swarmrtc.peer.internal.signaling;

import io.swarmrtc.peer.internal.util.Causes;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * The WebSocket callbacks of one socket: assembles text frames (dropping the socket when one grows
 * past the limit), ignores binary frames, and reports frames, pings and the socket's end to
 * {@link Events}. Runs on the JDK's WebSocket threads: events must hand off, not block.
 */
final class TextFrameListener implements WebSocket.Listener {

  /** What the socket said. */
  interface Events {
    void text(String frame);

    /** A ping arrived: the server is alive (the JDK answers it with a pong). */
    void heard();

    void lost(SignalingException cause);
  }

  private final int maxFrameChars;
  private final Events events;
  private final StringBuilder partial = new StringBuilder();

  TextFrameListener(int maxFrameChars, Events events) {
    this.maxFrameChars = maxFrameChars;
    this.events = events;
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    if (partial.length() + data.length() > maxFrameChars) {
      partial.setLength(0);
      events.lost(new SignalingException(SignalingErrorCode.PROTOCOL_ERROR, "frame too large"));
      return null;
    }
    partial.append(data);
    if (last) {
      String text = partial.toString();
      partial.setLength(0);
      events.text(text);
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
    ws.request(1); // not part of the protocol; ignored
    return null;
  }

  @Override
  public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
    events.heard();
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    events.lost(new SignalingException(SignalingErrorCode.CONNECTION_FAILED,
        "closed by the server: " + statusCode + " " + reason));
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    events.lost(new SignalingException(SignalingErrorCode.CONNECTION_FAILED,
        "socket error: " + Causes.rootMessage(error)));
  }
}
