package io.swarmrtc.peer.internal.signaling;

/** A signaling failure with a stable {@link SignalingErrorCode}; tests assert on the code. */
public final class SignalingException extends RuntimeException {
  private final SignalingErrorCode code;

  public SignalingException(SignalingErrorCode code, String message) {
    super(code + ": " + message);
    this.code = code;
  }

  public SignalingErrorCode code() {
    return code;
  }
}
