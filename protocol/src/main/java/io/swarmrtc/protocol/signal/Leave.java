package io.swarmrtc.protocol.signal;

/** Client leaves its room; the socket stays open and may join again. */
public record Leave() implements SignalMessage {
    public static final String TYPE = "leave";

    @Override
    public String type() {
        return TYPE;
    }
}
