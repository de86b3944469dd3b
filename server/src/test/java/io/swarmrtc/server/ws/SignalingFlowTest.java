package io.swarmrtc.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.protocol.signal.Answer;
import io.swarmrtc.protocol.signal.Candidate;
import io.swarmrtc.protocol.signal.ErrorCode;
import io.swarmrtc.protocol.signal.IceCandidate;
import io.swarmrtc.protocol.signal.Join;
import io.swarmrtc.protocol.signal.Joined;
import io.swarmrtc.protocol.signal.Leave;
import io.swarmrtc.protocol.signal.Offer;
import io.swarmrtc.protocol.signal.PeerJoined;
import io.swarmrtc.protocol.signal.PeerLeft;
import io.swarmrtc.server.ServerConfig;
import io.swarmrtc.server.SwarmrtcServer;
import io.swarmrtc.server.testing.Rooms;
import io.swarmrtc.server.testing.WsClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The signaling lifecycle of docs/signaling.md against a real server and real WebSockets. */
class SignalingFlowTest {
    private static SwarmrtcServer server;
    private static int port;

    @BeforeAll
    static void start() {
        server = SwarmrtcServer.start(ServerConfig.builder().host("127.0.0.1").port(0).stunPort(0)
                .maxPeersPerRoom(3).resumeGrace(Duration.ofMillis(1500)).build());
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("joining returns an unguessable id and the peers already there, who learn of the newcomer")
    void joinListsExistingPeers() throws Exception {
        String room = Rooms.fresh("join");
        try (WsClient a = WsClient.joined(port, room); WsClient b = WsClient.joined(port, room)) {
            assertEquals(List.of(), a.joinedMessage().peers());
            assertEquals(List.of(a.peerId()), b.joinedMessage().peers());
            assertTrue(a.peerId().matches("[A-Za-z0-9_-]{22}"), a.peerId());
            assertNotEquals(a.peerId(), b.peerId());
            assertEquals(room, b.joinedMessage().room());
            assertFalse(b.joinedMessage().resumed());
            assertEquals(new PeerJoined(b.peerId()), a.next());
        }
    }

    @Test
    @DisplayName("offer, answer and candidates reach the named peer with 'from' set and the payload unchanged")
    void relaysOfferAnswerCandidate() throws Exception {
        String room = Rooms.fresh("relay");
        try (WsClient a = WsClient.joined(port, room); WsClient b = WsClient.joined(port, room)) {
            a.expect(PeerJoined.class);
            String sdp = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n";
            b.send(Offer.to(a.peerId(), sdp));
            assertEquals(new Offer(null, b.peerId(), sdp), a.next());
            a.send(Answer.to(b.peerId(), "v=0\r\nanswer"));
            assertEquals(new Answer(null, a.peerId(), "v=0\r\nanswer"), b.next());
            IceCandidate ice = new IceCandidate("candidate:1 1 udp 2122260223 127.0.0.2 49152 typ host", "0", 0, "uf");
            b.send(Candidate.to(a.peerId(), ice));
            assertEquals(new Candidate(null, b.peerId(), ice), a.next());
            a.send(Candidate.to(b.peerId(), ice));
            assertEquals(new Candidate(null, a.peerId(), ice), b.next());
        }
    }

    @Test
    @DisplayName("a peer can never reach a peer of another room, even knowing its id")
    void roomsAreIsolated() throws Exception {
        try (WsClient a = WsClient.joined(port, Rooms.fresh("iso-a"));
             WsClient intruder = WsClient.joined(port, Rooms.fresh("iso-b"))) {
            intruder.send(Offer.to(a.peerId(), "v=0"));
            intruder.expectError(ErrorCode.UNKNOWN_PEER);
            intruder.send(Candidate.to(a.peerId(), new IceCandidate("c", null, null, null)));
            intruder.expectError(ErrorCode.UNKNOWN_PEER);
            a.expectNothingPendingThenPong();
            intruder.expectNothingPendingThenPong();
        }
    }

    @Test
    @DisplayName("leave and a clean close both tell the others at once; the socket that left may join again")
    void leaveAndCloseSendPeerLeft() throws Exception {
        String room = Rooms.fresh("leave");
        try (WsClient a = WsClient.joined(port, room); WsClient b = WsClient.joined(port, room);
             WsClient c = WsClient.joined(port, room)) {
            a.expect(PeerJoined.class);
            a.expect(PeerJoined.class);
            b.expect(PeerJoined.class);
            b.send(new Leave());
            assertEquals(new PeerLeft(b.peerId()), a.next());
            assertEquals(new PeerLeft(b.peerId()), c.next());
            c.closeCleanly();
            assertEquals(new PeerLeft(c.peerId()), a.next());
            Joined again = b.join(Join.room(room));
            assertEquals(List.of(a.peerId()), again.peers());
            assertEquals(new PeerJoined(again.peerId()), a.next());
        }
    }

    @Test
    @DisplayName("a full room refuses the next peer with ROOM_FULL and keeps its socket open")
    void fullRoomRefuses() throws Exception {
        String room = Rooms.fresh("full");
        try (WsClient a = WsClient.joined(port, room); WsClient b = WsClient.joined(port, room);
             WsClient c = WsClient.joined(port, room); WsClient d = WsClient.connect(port)) {
            assertEquals(List.of(a.peerId(), b.peerId()), c.joinedMessage().peers());
            d.send(Join.room(room));
            d.expectError(ErrorCode.ROOM_FULL);
            d.join(Join.room(Rooms.fresh("elsewhere")));
        }
    }

    @Test
    @DisplayName("the first peer sets the room password; wrong or missing passwords get BAD_PASSWORD")
    void passwords() throws Exception {
        String room = Rooms.fresh("pw");
        try (WsClient owner = WsClient.connect(port); WsClient guest = WsClient.connect(port)) {
            owner.join(new Join(room, "s3cret", null, null));
            guest.send(Join.room(room));
            guest.expectError(ErrorCode.BAD_PASSWORD);
            guest.send(new Join(room, "wrong", null, null));
            guest.expectError(ErrorCode.BAD_PASSWORD);
            Joined joined = guest.join(new Join(room, "s3cret", null, null));
            assertEquals(List.of(owner.peerId()), joined.peers());
        }
    }

    @Test
    @DisplayName("a dropped peer that resumes in time keeps its id and room, and the others see nothing")
    void resumeKeepsIdentity() throws Exception {
        String room = Rooms.fresh("resume");
        try (WsClient a = WsClient.joined(port, room); WsClient b = WsClient.joined(port, room)) {
            a.expect(PeerJoined.class);
            b.abort();
            try (WsClient b2 = WsClient.connect(port)) {
                Joined resumed = b2.join(new Join(room, null, null, b.joinedMessage().resumeToken()));
                assertTrue(resumed.resumed());
                assertEquals(b.peerId(), resumed.peerId());
                assertEquals(List.of(a.peerId()), resumed.peers());
                assertNotEquals(b.joinedMessage().resumeToken(), resumed.resumeToken(), "resume tokens rotate");
                a.expectNothingPendingThenPong();
                b2.send(Answer.to(a.peerId(), "v=0 back"));
                assertEquals(new Answer(null, b.peerId(), "v=0 back"), a.next());
            }
        }
    }

    @Test
    @DisplayName("after the grace period the others get peer-left and the resume token fails with RESUME_FAILED")
    void resumeAfterGraceFails() throws Exception {
        String room = Rooms.fresh("grace");
        try (WsClient a = WsClient.joined(port, room); WsClient b = WsClient.joined(port, room)) {
            a.expect(PeerJoined.class);
            b.abort();
            assertEquals(new PeerLeft(b.peerId()), a.next());   // within grace (1.5 s) + sweep
            try (WsClient b2 = WsClient.connect(port)) {
                b2.send(new Join(room, null, null, b.joinedMessage().resumeToken()));
                b2.expectError(ErrorCode.RESUME_FAILED);
                Joined fresh = b2.join(Join.room(room));
                assertNotEquals(b.peerId(), fresh.peerId());
                assertFalse(fresh.resumed());
            }
        }
    }
}
