package io.swarmrtc.protocol.signal;

/** An SDP answer for one peer of the same room. Exactly one of {@code to} / {@code from} is set. */
public record Answer(String to, String from, String sdp) implements RelayMessage {
    public static final String TYPE = "answer";

    public Answer {
        Fields.requireOneAddress(to, from);
        Fields.requireNonEmpty(sdp, "sdp");
    }

    /** An answer as a client sends it. */
    public static Answer to(String peerId, String sdp) {
        return new Answer(peerId, null, sdp);
    }

    @Override
    public Answer relayedFrom(String senderPeerId) {
        return new Answer(null, senderPeerId, sdp);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
