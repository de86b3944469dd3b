package io.swarmrtc.peer.internal.signaling;

/**
 * The error codes of docs/signaling.md, plus the client's own conditions. Codes the server sends
 * that this version does not know map to {@link #UNKNOWN} (forward compatibility).
 */
public enum SignalingErrorCode {
  BAD_JSON,
  BAD_FRAME,
  UNKNOWN_TYPE,
  BAD_FIELD,
  FRAME_TOO_LARGE,
  NOT_JOINED,
  ALREADY_JOINED,
  UNKNOWN_PEER,
  SELF_ADDRESSED,
  BAD_ROOM,
  ROOM_FULL,
  BAD_PASSWORD,
  BAD_TOKEN,
  RESUME_FAILED,
  RATE_LIMITED,
  TOO_MANY_ERRORS,
  INTERNAL,
  /** A code this client does not know. */
  UNKNOWN,
  /** Client side: the server could not be reached or the socket was lost for good. */
  CONNECTION_FAILED,
  /** Client side: the server sent something this client cannot parse. */
  PROTOCOL_ERROR,
  /** Client side: the client was closed. */
  CLOSED;

  /** The code for a wire value; {@link #UNKNOWN} for anything unrecognised. */
  public static SignalingErrorCode fromWire(String code) {
    if (code != null) {
      for (SignalingErrorCode c : values()) {
        if (c.name().equals(code) && c.ordinal() <= INTERNAL.ordinal()) {
          return c;
        }
      }
    }
    return UNKNOWN;
  }

  /** Join failures that retrying with the same settings cannot fix. */
  public boolean rejectsJoin() {
    return this == BAD_ROOM || this == ROOM_FULL || this == BAD_PASSWORD || this == BAD_TOKEN;
  }
}
