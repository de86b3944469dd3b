package io.swarmrtc.server.rooms;

import io.swarmrtc.protocol.signal.ErrorCode;
import io.swarmrtc.protocol.signal.Join;
import io.swarmrtc.protocol.signal.Joined;
import io.swarmrtc.protocol.signal.PeerJoined;
import io.swarmrtc.protocol.signal.PeerLeft;
import io.swarmrtc.protocol.signal.RelayMessage;
import io.swarmrtc.protocol.signal.SignalMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Rooms, peers and the routing rules of docs/signaling.md, independent of any transport. {@code C}
 * is the adapter's connection handle (compared by identity). Every operation returns an
 * {@link Outcome} that the adapter carries out after the call; nothing here does I/O.
 *
 * <p>Rules: a peer reaches only peers of its own room (an id from another room is UNKNOWN_PEER,
 * exactly like a made-up id); a disconnected peer keeps its id and place for the resume grace period,
 * during which messages for it are queued (bounded); the first joiner may set the room password.
 * Thread-safe: one lock, held only for map updates.
 */
public final class RoomRegistry<C> {
    private final RoomRules rules;
    private final Clock clock;
    private final Supplier<String> ids;
    private final Map<String, Room> rooms = new HashMap<>();
    private final Map<String, Peer<C>> peersByResumeToken = new HashMap<>();
    private final Map<C, Peer<C>> peersByConnection = new IdentityHashMap<>();
    private final Map<String, Peer<C>> peersById = new HashMap<>();
    private final Set<Peer<C>> detached = new LinkedHashSet<>();

    public RoomRegistry(RoomRules rules, Clock clock, Supplier<String> ids) {
        this.rules = rules;
        this.clock = clock;
        this.ids = ids;
    }

    /** Admits {@code connection} to a room, or resumes its earlier peer when {@code join.resumeToken()} is set. */
    public synchronized Outcome<C> join(C connection, Join join) {
        if (peersByConnection.containsKey(connection)) {
            return Outcome.error(ErrorCode.ALREADY_JOINED, "this socket already joined; send leave first");
        }
        if (join.resumeToken() != null) {
            return resume(connection, join);
        }
        Room room = rooms.get(join.room());
        if (room != null && room.members.size() >= rules.maxPeersPerRoom()) {
            return Outcome.error(ErrorCode.ROOM_FULL, "room is full (" + rules.maxPeersPerRoom() + " peers)");
        }
        if (room != null && !room.admits(join.password())) {
            return Outcome.error(ErrorCode.BAD_PASSWORD, "wrong or missing room password");
        }
        if (room == null) {
            room = new Room(join.room(), join.password() == null ? null : sha256(join.password()));
            rooms.put(room.id, room);
        }
        Peer<C> peer = new Peer<>(uniqueId(), room, connection, ids.get());
        List<Delivery<C>> out = new ArrayList<>();
        out.add(new Delivery<>(connection, joined(peer, false)));
        for (Peer<?> other : room.members.values()) {
            deliver(castPeer(other), new PeerJoined(peer.id), out);
        }
        room.members.put(peer.id, peer);
        peersByConnection.put(connection, peer);
        peersByResumeToken.put(peer.resumeToken, peer);
        peersById.put(peer.id, peer);
        return Outcome.of(out);
    }

    /** Forwards {@code message} from the connection's peer to the named peer of the same room. */
    public synchronized Outcome<C> relay(C connection, RelayMessage message) {
        Peer<C> sender = peersByConnection.get(connection);
        if (sender == null) {
            return Outcome.error(ErrorCode.NOT_JOINED, "join a room first");
        }
        if (message.to().equals(sender.id)) {
            return Outcome.error(ErrorCode.SELF_ADDRESSED, "a peer cannot signal itself");
        }
        Peer<C> target = castPeer(sender.room.members.get(message.to()));
        if (target == null) {
            return Outcome.error(ErrorCode.UNKNOWN_PEER, "no peer " + shorten(message.to()) + " in this room");
        }
        List<Delivery<C>> out = new ArrayList<>(1);
        deliver(target, message.relayedFrom(sender.id), out);
        return Outcome.of(out);
    }

    /** The connection's peer leaves its room at once; the others get peer-left. */
    public synchronized Outcome<C> leave(C connection) {
        Peer<C> peer = peersByConnection.remove(connection);
        if (peer == null) {
            return Outcome.error(ErrorCode.NOT_JOINED, "not in a room");
        }
        return Outcome.of(remove(peer));
    }

    /**
     * The connection died without leave: its peer keeps its place for the grace period (others see
     * nothing) or, with a zero grace period, leaves at once. Unknown connections are ignored.
     */
    public synchronized Outcome<C> disconnected(C connection) {
        Peer<C> peer = peersByConnection.remove(connection);
        if (peer == null) {
            return Outcome.none();
        }
        if (rules.resumeGrace().isZero()) {
            return Outcome.of(remove(peer));
        }
        peer.connection = null;
        peer.detachedUntil = clock.instant().plus(rules.resumeGrace());
        detached.add(peer);
        return Outcome.none();
    }

    /** Removes peers whose grace period is over; call it periodically. */
    public synchronized Outcome<C> expireGracePeriods() {
        Instant now = clock.instant();
        List<Peer<C>> expired = new ArrayList<>();
        for (Peer<C> peer : detached) {
            if (!now.isBefore(peer.detachedUntil)) {
                expired.add(peer);
            }
        }
        List<Delivery<C>> out = new ArrayList<>();
        for (Peer<C> peer : expired) {
            out.addAll(remove(peer));
        }
        return Outcome.of(out);
    }

    /** Peers in all rooms, including those in their grace period. */
    public synchronized int peerCount() {
        return peersById.size();
    }

    /** Peers with a live connection. */
    public synchronized int connectedPeerCount() {
        return peersByConnection.size();
    }

    public synchronized int roomCount() {
        return rooms.size();
    }

    /** The peer id of a connection, or null when it has not joined. */
    public synchronized String peerIdOf(C connection) {
        Peer<C> peer = peersByConnection.get(connection);
        return peer == null ? null : peer.id;
    }

    private Outcome<C> resume(C connection, Join join) {
        Peer<C> peer = peersByResumeToken.get(join.resumeToken());
        if (peer == null || !peer.room.id.equals(join.room())) {
            return Outcome.error(ErrorCode.RESUME_FAILED, "unknown or expired resume token; join without it");
        }
        List<Delivery<C>> out = new ArrayList<>();
        if (peer.detachedUntil != null && !clock.instant().isBefore(peer.detachedUntil)) {
            out.addAll(remove(peer));
            return new Outcome<>(out, ErrorCode.RESUME_FAILED, "the grace period is over; join without it", List.of());
        }
        List<C> superseded = new ArrayList<>(1);
        if (peer.connection != null) {
            // The client noticed a dead socket before the server did: the new one takes over.
            peersByConnection.remove(peer.connection);
            superseded.add(peer.connection);
        }
        detached.remove(peer);
        peer.detachedUntil = null;
        peer.connection = connection;
        peersByResumeToken.remove(peer.resumeToken);
        peer.resumeToken = ids.get();
        peersByResumeToken.put(peer.resumeToken, peer);
        peersByConnection.put(connection, peer);
        out.add(new Delivery<>(connection, joined(peer, true)));
        for (SignalMessage pending : peer.pending) {
            out.add(new Delivery<>(connection, pending));
        }
        peer.pending.clear();
        return new Outcome<>(out, null, null, superseded);
    }

    private List<Delivery<C>> remove(Peer<C> peer) {
        Room room = peer.room;
        room.members.remove(peer.id);
        peersByResumeToken.remove(peer.resumeToken);
        detached.remove(peer);
        if (peer.connection != null) {
            peersByConnection.remove(peer.connection);
        }
        peersById.remove(peer.id);
        if (room.members.isEmpty()) {
            rooms.remove(room.id);
        }
        List<Delivery<C>> out = new ArrayList<>();
        for (Peer<?> other : room.members.values()) {
            deliver(castPeer(other), new PeerLeft(peer.id), out);
        }
        return out;
    }

    private void deliver(Peer<C> target, SignalMessage message, List<Delivery<C>> out) {
        if (target.connection != null) {
            out.add(new Delivery<>(target.connection, message));
        } else if (target.pending.size() < rules.maxPendingPerPeer()) {
            target.pending.add(message);
        }
    }

    private Joined joined(Peer<C> peer, boolean resumed) {
        List<String> others = new ArrayList<>(peer.room.members.size());
        for (String id : peer.room.members.keySet()) {
            if (!id.equals(peer.id)) {
                others.add(id);
            }
        }
        return new Joined(peer.room.id, peer.id, peer.resumeToken, others, resumed);
    }

    private String uniqueId() {
        String id = ids.get();
        while (peersById.containsKey(id)) {
            id = ids.get();   // 128 random bits never collide; a seeded test generator might
        }
        return id;
    }

    @SuppressWarnings("unchecked")
    private Peer<C> castPeer(Peer<?> peer) {
        return (Peer<C>) peer;
    }

    private static String shorten(String id) {
        return id.length() > 32 ? id.substring(0, 32) + "..." : id;
    }

    static byte[] sha256(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A room: its members in join order and the password hash set by its first member. */
    private static final class Room {
        final String id;
        final byte[] passwordHash;
        final Map<String, Peer<?>> members = new LinkedHashMap<>();

        Room(String id, byte[] passwordHash) {
            this.id = id;
            this.passwordHash = passwordHash;
        }

        boolean admits(String password) {
            if (passwordHash == null) {
                return true;
            }
            return password != null && MessageDigest.isEqual(passwordHash, sha256(password));
        }
    }

    /** A peer; {@code connection} is null during its grace period. */
    private static final class Peer<C> {
        final String id;
        final Room room;
        C connection;
        String resumeToken;
        Instant detachedUntil;
        final List<SignalMessage> pending = new ArrayList<>(0);

        Peer(String id, Room room, C connection, String resumeToken) {
            this.id = id;
            this.room = room;
            this.connection = connection;
            this.resumeToken = resumeToken;
        }
    }
}
