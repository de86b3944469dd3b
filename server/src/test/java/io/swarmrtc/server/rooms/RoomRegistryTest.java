package io.swarmrtc.server.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.protocol.signal.ErrorCode;
import io.swarmrtc.protocol.signal.Join;
import io.swarmrtc.protocol.signal.Joined;
import io.swarmrtc.protocol.signal.Offer;
import io.swarmrtc.protocol.signal.PeerJoined;
import io.swarmrtc.protocol.signal.PeerLeft;
import io.swarmrtc.stunturn.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pure registry with string connection handles and a clock that moves only on request. */
class RoomRegistryTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RoomRegistry<String> rooms = new RoomRegistry<>(
            new RoomRules(3, Duration.ofSeconds(10), 2), clock, new RandomIds(new Random(42)));

    private Joined join(String conn, String room) {
        Outcome<String> o = rooms.join(conn, Join.room(room));
        assertNull(o.error(), o.errorMessage());
        return (Joined) o.deliveries().get(0).message();
    }

    @Test
    void theNewcomerGetsThePeerListAndEveryoneElseGetsPeerJoined() {
        Joined a = join("A", "r");
        Joined b = join("B", "r");
        Outcome<String> c = rooms.join("C", Join.room("r"));
        Joined joinedC = (Joined) c.deliveries().get(0).message();
        assertEquals(List.of(a.peerId(), b.peerId()), joinedC.peers());
        assertEquals(List.of(new Delivery<>("C", joinedC),
                new Delivery<>("A", new PeerJoined(joinedC.peerId())),
                new Delivery<>("B", new PeerJoined(joinedC.peerId()))), c.deliveries());
        assertEquals(1, rooms.roomCount());
        assertEquals(3, rooms.peerCount());
    }

    @Test
    void aFullRoomRefusesAndAnotherRoomStillAdmits() {
        join("A", "r");
        join("B", "r");
        join("C", "r");
        assertEquals(ErrorCode.ROOM_FULL, rooms.join("D", Join.room("r")).error());
        join("D", "s");
    }

    @Test
    void relaysReachOnlyPeersOfTheSameRoom() {
        Joined a = join("A", "r");
        Joined b = join("B", "r");
        Joined x = join("X", "other");
        assertEquals(List.of(new Delivery<>("B", new Offer(null, a.peerId(), "v=0"))),
                rooms.relay("A", Offer.to(b.peerId(), "v=0")).deliveries());
        assertEquals(ErrorCode.UNKNOWN_PEER, rooms.relay("X", Offer.to(a.peerId(), "v=0")).error());
        assertEquals(ErrorCode.UNKNOWN_PEER, rooms.relay("A", Offer.to(x.peerId(), "v=0")).error());
        assertEquals(ErrorCode.SELF_ADDRESSED, rooms.relay("A", Offer.to(a.peerId(), "v=0")).error());
        assertEquals(ErrorCode.NOT_JOINED, rooms.relay("nobody", Offer.to(a.peerId(), "v=0")).error());
    }

    @Test
    void aSecondJoinOnTheSameConnectionIsRefused() {
        join("A", "r");
        assertEquals(ErrorCode.ALREADY_JOINED, rooms.join("A", Join.room("s")).error());
    }

    @Test
    void theFirstPeerSetsThePasswordUntilTheRoomEmpties() {
        rooms.join("A", new Join("r", "pw", null, null));
        assertEquals(ErrorCode.BAD_PASSWORD, rooms.join("B", Join.room("r")).error());
        assertEquals(ErrorCode.BAD_PASSWORD, rooms.join("B", new Join("r", "PW", null, null)).error());
        assertNull(rooms.join("B", new Join("r", "pw", null, null)).error());
        rooms.leave("A");
        rooms.leave("B");
        assertEquals(0, rooms.roomCount());
        assertNull(rooms.join("C", Join.room("r")).error(), "an emptied room forgets its password");
    }

    @Test
    void leaveTellsTheOthersAtOnce() {
        join("A", "r");
        Joined b = join("B", "r");
        assertEquals(List.of(new Delivery<>("A", new PeerLeft(b.peerId()))), rooms.leave("B").deliveries());
        assertEquals(ErrorCode.NOT_JOINED, rooms.leave("B").error());
    }

    @Test
    void aDisconnectedPeerResumesWithinGraceWithItsIdAndQueuedMessages() {
        Joined a = join("A", "r");
        Joined b = join("B", "r");
        assertTrue(rooms.disconnected("B").deliveries().isEmpty(), "the others see nothing");
        rooms.relay("A", Offer.to(b.peerId(), "one"));
        rooms.relay("A", Offer.to(b.peerId(), "two"));
        rooms.relay("A", Offer.to(b.peerId(), "three: over the pending limit of 2, dropped"));
        clock.advance(Duration.ofSeconds(9));
        assertTrue(rooms.expireGracePeriods().deliveries().isEmpty());
        Outcome<String> resumed = rooms.join("B2", new Join("r", null, null, b.resumeToken()));
        Joined again = (Joined) resumed.deliveries().get(0).message();
        assertEquals(b.peerId(), again.peerId());
        assertTrue(again.resumed());
        assertEquals(List.of(a.peerId()), again.peers());
        assertEquals(List.of(new Delivery<>("B2", again),
                new Delivery<>("B2", new Offer(null, a.peerId(), "one")),
                new Delivery<>("B2", new Offer(null, a.peerId(), "two"))), resumed.deliveries());
        assertEquals(ErrorCode.RESUME_FAILED, rooms.join("B3", new Join("r", null, null, b.resumeToken())).error(),
                "a resume token works once");
    }

    @Test
    void afterTheGracePeriodThePeerIsGoneAndItsTokenFails() {
        join("A", "r");
        Joined b = join("B", "r");
        rooms.disconnected("B");
        clock.advance(Duration.ofSeconds(10));
        assertEquals(List.of(new Delivery<>("A", new PeerLeft(b.peerId()))), rooms.expireGracePeriods().deliveries());
        assertEquals(ErrorCode.RESUME_FAILED, rooms.join("B2", new Join("r", null, null, b.resumeToken())).error());
        assertEquals(1, rooms.peerCount());
    }

    @Test
    void aResumeFromAnotherRoomFails() {
        Joined a = join("A", "r");
        rooms.disconnected("A");
        assertEquals(ErrorCode.RESUME_FAILED, rooms.join("A2", new Join("s", null, null, a.resumeToken())).error());
    }

    @Test
    void aResumeWhileTheOldSocketLooksAliveSupersedesIt() {
        Joined a = join("A", "r");
        Outcome<String> o = rooms.join("A2", new Join("r", null, null, a.resumeToken()));
        assertEquals(List.of("A"), o.superseded());
        assertEquals(a.peerId(), rooms.peerIdOf("A2"));
        assertNull(rooms.peerIdOf("A"));
        assertTrue(rooms.disconnected("A").deliveries().isEmpty(), "the old socket's close changes nothing");
        assertEquals(a.peerId(), rooms.peerIdOf("A2"));
    }
}
