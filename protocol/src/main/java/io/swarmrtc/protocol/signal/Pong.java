package io.swarmrtc.protocol.signal;

/** The server's answer to {@link Ping}. */
public record Pong() implements SignalMessage {
    public static final String TYPE = "pong";

    @Override
    public String type() {
        return TYPE;
    }
}
