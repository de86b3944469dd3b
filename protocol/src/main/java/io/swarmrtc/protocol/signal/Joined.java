package io.swarmrtc.protocol.signal;

import java.util.List;

/**
 * Server confirms a join: the peer's id, a fresh resume token, the ids of the peers already in the
 * room (the newcomer offers to each), and whether this was a resume.
 */
public record Joined(String room, String peerId, String resumeToken, List<String> peers, boolean resumed)
        implements SignalMessage {
    public static final String TYPE = "joined";

    public Joined {
        Fields.requireRoom(room);
        Fields.requireNonEmpty(peerId, "peerId");
        Fields.requireNonEmpty(resumeToken, "resumeToken");
        peers = List.copyOf(peers);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
