package io.swarmrtc.protocol.signal;

/** Server tells the room that a new peer joined (it will send offers). */
public record PeerJoined(String peerId) implements SignalMessage {
    public static final String TYPE = "peer-joined";

    public PeerJoined {
        Fields.requireNonEmpty(peerId, "peerId");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
