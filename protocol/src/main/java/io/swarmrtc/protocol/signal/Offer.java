package io.swarmrtc.protocol.signal;

/** An SDP offer for one peer of the same room. Exactly one of {@code to} / {@code from} is set. */
public record Offer(String to, String from, String sdp) implements RelayMessage {
    public static final String TYPE = "offer";

    public Offer {
        Fields.requireOneAddress(to, from);
        Fields.requireNonEmpty(sdp, "sdp");
    }

    /** An offer as a client sends it. */
    public static Offer to(String peerId, String sdp) {
        return new Offer(peerId, null, sdp);
    }

    @Override
    public Offer relayedFrom(String senderPeerId) {
        return new Offer(null, senderPeerId, sdp);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
