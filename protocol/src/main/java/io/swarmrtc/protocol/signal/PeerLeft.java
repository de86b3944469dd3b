package io.swarmrtc.protocol.signal;

/** Server tells the room that a peer left (or its resume grace period ended). */
public record PeerLeft(String peerId) implements SignalMessage {
    public static final String TYPE = "peer-left";

    public PeerLeft {
        Fields.requireNonEmpty(peerId, "peerId");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
