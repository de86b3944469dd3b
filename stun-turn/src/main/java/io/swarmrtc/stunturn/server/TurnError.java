package io.swarmrtc.stunturn.server;

/**
 * Every error a request can get, with its STUN code and reason phrase: the one place where
 * protocol failures become codes (RFC 8489 §14.8, RFC 8656 §19).
 */
public enum TurnError {
  BAD_REQUEST(400, "Bad Request"),
  UNAUTHORIZED(401, "Unauthorized"),
  FORBIDDEN(403, "Forbidden"),
  UNKNOWN_ATTRIBUTE(420, "Unknown Attribute"),
  ALLOCATION_MISMATCH(437, "Allocation Mismatch"),
  STALE_NONCE(438, "Stale Nonce"),
  ADDRESS_FAMILY_NOT_SUPPORTED(440, "Address Family not Supported"),
  WRONG_CREDENTIALS(441, "Wrong Credentials"),
  UNSUPPORTED_TRANSPORT_PROTOCOL(442, "Unsupported Transport Protocol"),
  PEER_ADDRESS_FAMILY_MISMATCH(443, "Peer Address Family Mismatch"),
  ALLOCATION_QUOTA_REACHED(486, "Allocation Quota Reached"),
  INSUFFICIENT_CAPACITY(508, "Insufficient Capacity");

  private final int code;
  private final String reason;

  TurnError(int code, String reason) {
    this.code = code;
    this.reason = reason;
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  /** 401 and 438 carry REALM and a fresh NONCE so the client can retry (RFC 8489 §9.2.4). */
  boolean carriesChallenge() {
    return this == UNAUTHORIZED || this == STALE_NONCE;
  }
}
