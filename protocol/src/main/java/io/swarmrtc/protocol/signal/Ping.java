package io.swarmrtc.protocol.signal;

/** Application-level ping for clients that cannot see WebSocket ping frames; answered by {@link Pong}. */
public record Ping() implements SignalMessage {
    public static final String TYPE = "ping";

    @Override
    public String type() {
        return TYPE;
    }
}
