package io.swarmrtc.peer;

/** A failure of the public API, with a stable {@link Code}; the cause has the details. */
public final class SwarmException extends RuntimeException {
  /** Stable reasons. */
  public enum Code {
    /** The signaling server could not be reached, or the room refused the join. */
    JOIN_FAILED,
    /** The client or room is closed. */
    CLOSED,
    /** Timed out waiting for the server. */
    TIMEOUT
  }

  private final Code code;

  public SwarmException(Code code, String message, Throwable cause) {
    super(code + ": " + message, cause);
    this.code = code;
  }

  public Code code() {
    return code;
  }
}
