package io.swarmrtc.protocol.signal;

import java.util.Objects;

/** A trickled ICE candidate for one peer of the same room. Exactly one of {@code to} / {@code from} is set. */
public record Candidate(String to, String from, IceCandidate candidate) implements RelayMessage {
    public static final String TYPE = "candidate";

    public Candidate {
        Fields.requireOneAddress(to, from);
        Objects.requireNonNull(candidate, "candidate");
    }

    /** A candidate as a client sends it. */
    public static Candidate to(String peerId, IceCandidate candidate) {
        return new Candidate(peerId, null, candidate);
    }

    @Override
    public Candidate relayedFrom(String senderPeerId) {
        return new Candidate(null, senderPeerId, candidate);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
