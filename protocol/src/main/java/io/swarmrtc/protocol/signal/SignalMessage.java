package io.swarmrtc.protocol.signal;

/**
 * One message of the signaling protocol (docs/signaling.md), immutable.
 *
 * <p>Decode and encode with {@link SignalCodec}:
 * <pre>{@code
 * SignalMessage m = SignalCodec.decodeFromClient(text);   // server side
 * String json = SignalCodec.encode(new Joined(...));
 * }</pre>
 */
public sealed interface SignalMessage
        permits Join, Leave, Ping, RelayMessage, Joined, PeerJoined, PeerLeft, Pong, ErrorMessage {

    /** The wire value of the {@code type} field, e.g. {@code "peer-joined"}. */
    String type();
}
