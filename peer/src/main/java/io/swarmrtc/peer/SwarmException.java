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
    TIMEOUT,
    /** A share URL that does not parse (docs/swarm-protocol.md, "Share URL"). */
    BAD_URL,
    /** Nobody in the room shared the content (or every source left) within the source timeout. */
    NO_SOURCE,
    /**
     * Peers were in the room but no connection to them came up within the source timeout; the
     * message names the likely cause (e.g. the TURN server rejected our credentials).
     */
    UNREACHABLE,
    /** Files could not be read or written (or a different file is in the way). */
    STORAGE,
    /** The download was cancelled. */
    CANCELLED
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
