package io.swarmrtc.server.rooms;

import java.time.Duration;

/**
 * The registry's limits: peers per room, the resume grace period, and how many messages are kept
 * for a peer in its grace period (delivered when it resumes; the excess is dropped).
 */
public record RoomRules(int maxPeersPerRoom, Duration resumeGrace, int maxPendingPerPeer) {
    public RoomRules {
        if (maxPeersPerRoom < 1) {
            throw new IllegalArgumentException("maxPeersPerRoom must be >= 1");
        }
        if (resumeGrace.isNegative()) {
            throw new IllegalArgumentException("resumeGrace must not be negative");
        }
        if (maxPendingPerPeer < 0) {
            throw new IllegalArgumentException("maxPendingPerPeer must be >= 0");
        }
    }
}
