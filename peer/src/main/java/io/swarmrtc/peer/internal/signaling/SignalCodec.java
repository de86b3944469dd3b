package io.swarmrtc.peer.internal.signaling;

/** Turns signaling messages into JSON text frames and back. Pure. */
public interface SignalCodec {
  /** Encodes a client -> server message ({@code peer} becomes {@code to}). */
  String encode(SignalMessage message);

  /**
   * Decodes a server -> client message ({@code from} becomes {@code peer}).
   *
   * @throws SignalingException with {@link SignalingErrorCode#PROTOCOL_ERROR} naming the field
   */
  SignalMessage decode(String json);
}
