package io.swarmrtc.peer.internal.rtc;

/** A send or operation on a channel or connection that is closed (or closed while waiting). */
public final class RtcClosedException extends RuntimeException {
  public RtcClosedException(String message) {
    super(message);
  }
}
