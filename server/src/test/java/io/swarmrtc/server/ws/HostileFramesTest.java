package io.swarmrtc.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.protocol.signal.Answer;
import io.swarmrtc.protocol.signal.ErrorCode;
import io.swarmrtc.protocol.signal.ErrorMessage;
import io.swarmrtc.protocol.signal.Join;
import io.swarmrtc.protocol.signal.Offer;
import io.swarmrtc.protocol.signal.Pong;
import io.swarmrtc.protocol.signal.SignalMessage;
import io.swarmrtc.server.ServerConfig;
import io.swarmrtc.server.SwarmrtcServer;
import io.swarmrtc.server.testing.Rooms;
import io.swarmrtc.server.testing.WsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed and hostile frames, one fresh socket each: the expected error code, whether the socket
 * stays open, and proof that bystanders in the same and in another room keep relaying throughout.
 */
class HostileFramesTest {
    private static final int FRAME_LIMIT = 4096;
    private static final int MAX_ERRORS = 100;
    private static SwarmrtcServer server;
    private static int port;
    private static WsClient lobbyX;
    private static WsClient lobbyY;
    private static WsClient otherZ;
    private static WsClient otherW;
    private static final String LOBBY = Rooms.fresh("lobby");
    private static final String LOCKED = Rooms.fresh("locked");
    private static WsClient lockedOwner;

    /** What the hostile socket does before the hostile frame. */
    enum Setup { NOTHING, JOIN_LOBBY, JOIN_OWN_ROOM }

    /** How the socket must end up. */
    enum Ending { STAYS_OPEN, CLOSED_WITH_4000, CLOSED_BY_JETTY_1009 }

    @FunctionalInterface
    interface Action {
        void run(WsClient hostile, WsClient lobbyPeer, WsClient otherRoomPeer) throws Exception;
    }

    @FunctionalInterface
    interface Verifier {
        void verify(WsClient hostile) throws Exception;
    }

    record Row(String frame, Setup setup, Action action, ErrorCode expected, Ending ending, Verifier verifier) {
        @Override
        public String toString() {
            String end = switch (ending) {
                case STAYS_OPEN -> "the socket stays open";
                case CLOSED_WITH_4000 -> "the socket is closed (4000)";
                case CLOSED_BY_JETTY_1009 -> "Jetty closes the socket (1009)";
            };
            return frame + " -> " + (expected == null ? "no error message" : expected) + ", " + end;
        }
    }

    private static Row row(String frame, Setup setup, String text, ErrorCode expected, Ending ending) {
        return new Row(frame, setup, (h, x, z) -> h.sendText(text), expected, ending, null);
    }

    private static Row row(String frame, Setup setup, Action action, ErrorCode expected, Ending ending) {
        return new Row(frame, setup, action, expected, ending, null);
    }

    static Stream<Arguments> rows() {
        Setup none = Setup.NOTHING;
        Setup lobby = Setup.JOIN_LOBBY;
        Ending open = Ending.STAYS_OPEN;
        Ending fatal = Ending.CLOSED_WITH_4000;
        List<Row> rows = new ArrayList<>(List.of(
            row("a frame that is not JSON", none, "hello there", ErrorCode.BAD_JSON, open),
            row("an empty text frame", none, "", ErrorCode.BAD_JSON, open),
            row("a JSON array", none, "[{\"type\":\"ping\"}]", ErrorCode.BAD_JSON, open),
            row("a bare JSON string", none, "\"join\"", ErrorCode.BAD_JSON, open),
            row("JSON null", none, "null", ErrorCode.BAD_JSON, open),
            row("an object followed by garbage", none, "{\"type\":\"ping\"}}", ErrorCode.BAD_JSON, open),
            row("an object with a duplicate type key", none, "{\"type\":\"ping\",\"type\":\"join\",\"room\":\"x\"}",
                    ErrorCode.BAD_JSON, open),
            row("JSON nested 1000 deep", none, "{\"type\":\"ping\",\"x\":" + "[".repeat(1000) + "]".repeat(1000) + "}",
                    ErrorCode.BAD_JSON, open),
            row("truncated JSON", none, "{\"type\":\"join\",\"room\":\"ab", ErrorCode.BAD_JSON, open),
            row("an object without type", none, "{\"room\":\"x\"}", ErrorCode.UNKNOWN_TYPE, open),
            row("a numeric type", none, "{\"type\":42}", ErrorCode.UNKNOWN_TYPE, open),
            row("an unknown type", none, "{\"type\":\"dance\"}", ErrorCode.UNKNOWN_TYPE, open),
            row("a server-only type (joined) from a client", none,
                    "{\"type\":\"joined\",\"room\":\"r\",\"peerId\":\"p\",\"resumeToken\":\"t\",\"peers\":[],\"resumed\":false}",
                    ErrorCode.UNKNOWN_TYPE, open),
            row("a forged error message from a client", none,
                    "{\"type\":\"error\",\"code\":\"INTERNAL\",\"message\":\"x\",\"fatal\":true}", ErrorCode.UNKNOWN_TYPE, open),
            row("a join without room", none, "{\"type\":\"join\"}", ErrorCode.BAD_FIELD, open),
            row("a join with a numeric room", none, "{\"type\":\"join\",\"room\":7}", ErrorCode.BAD_FIELD, open),
            row("a join with a path in the room", none, "{\"type\":\"join\",\"room\":\"../etc/passwd\"}", ErrorCode.BAD_ROOM, open),
            row("a join with an empty room", none, "{\"type\":\"join\",\"room\":\"\"}", ErrorCode.BAD_ROOM, open),
            row("a join with a 65-character room", none, "{\"type\":\"join\",\"room\":\"" + "a".repeat(65) + "\"}",
                    ErrorCode.BAD_ROOM, open),
            row("a join with a numeric password", none, "{\"type\":\"join\",\"room\":\"r1\",\"password\":1234}",
                    ErrorCode.BAD_FIELD, open),
            row("a join with a 2000-character password", none,
                    "{\"type\":\"join\",\"room\":\"r1\",\"password\":\"" + "p".repeat(2000) + "\"}", ErrorCode.BAD_FIELD, open),
            row("a join to a locked room without its password", none, "{\"type\":\"join\",\"room\":\"" + LOCKED + "\"}",
                    ErrorCode.BAD_PASSWORD, open),
            row("a join with an unknown resume token", none,
                    "{\"type\":\"join\",\"room\":\"r1\",\"resumeToken\":\"AAAAAAAAAAAAAAAAAAAAAA\"}", ErrorCode.RESUME_FAILED, open),
            row("an offer before join", none, (h, x, z) -> h.send(Offer.to(x.peerId(), "v=0")), ErrorCode.NOT_JOINED, open),
            row("a leave before join", none, "{\"type\":\"leave\"}", ErrorCode.NOT_JOINED, open),
            row("a second join on the same socket", lobby, "{\"type\":\"join\",\"room\":\"" + LOBBY + "\"}",
                    ErrorCode.ALREADY_JOINED, open),
            row("an offer without to", lobby, "{\"type\":\"offer\",\"sdp\":\"v=0\"}", ErrorCode.BAD_FIELD, open),
            row("an offer with a numeric to", lobby, "{\"type\":\"offer\",\"to\":5,\"sdp\":\"v=0\"}", ErrorCode.BAD_FIELD, open),
            row("an offer with an empty sdp", lobby, (h, x, z) -> h.sendText(
                    "{\"type\":\"offer\",\"to\":\"" + x.peerId() + "\",\"sdp\":\"\"}"), ErrorCode.BAD_FIELD, open),
            row("an answer with an object as sdp", lobby, (h, x, z) -> h.sendText(
                    "{\"type\":\"answer\",\"to\":\"" + x.peerId() + "\",\"sdp\":{}}"), ErrorCode.BAD_FIELD, open),
            row("a candidate given as a bare string", lobby, (h, x, z) -> h.sendText(
                    "{\"type\":\"candidate\",\"to\":\"" + x.peerId() + "\",\"candidate\":\"candidate:1\"}"), ErrorCode.BAD_FIELD, open),
            row("a candidate with a fractional sdpMLineIndex", lobby, (h, x, z) -> h.sendText(
                    "{\"type\":\"candidate\",\"to\":\"" + x.peerId() + "\",\"candidate\":{\"candidate\":\"c\",\"sdpMLineIndex\":1.5}}"),
                    ErrorCode.BAD_FIELD, open),
            row("an offer to a made-up peer id", lobby, "{\"type\":\"offer\",\"to\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"sdp\":\"v=0\"}",
                    ErrorCode.UNKNOWN_PEER, open),
            row("an offer to a real peer of another room", lobby, (h, x, z) -> h.send(Offer.to(z.peerId(), "v=0")),
                    ErrorCode.UNKNOWN_PEER, open),
            row("a spoofed from on an offer to another room's peer", lobby, (h, x, z) -> h.sendText(
                    "{\"type\":\"offer\",\"to\":\"" + z.peerId() + "\",\"from\":\"" + x.peerId() + "\",\"sdp\":\"v=0\"}"),
                    ErrorCode.UNKNOWN_PEER, open),
            row("an offer to itself", lobby, (h, x, z) -> h.send(Offer.to(h.peerId(), "v=0")), ErrorCode.SELF_ADDRESSED, open),
            row("a binary frame", lobby, (h, x, z) -> h.sendBinary(new byte[] {1, 2, 3}), ErrorCode.BAD_FRAME, open),
            row("a text frame one byte over the limit", lobby,
                    "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(FRAME_LIMIT - 23) + "\"}", ErrorCode.FRAME_TOO_LARGE, fatal),
            row("a frame under the limit in characters but over it in UTF-8 bytes", lobby,
                    "{\"type\":\"ping\",\"pad\":\"" + "\u20ac".repeat(FRAME_LIMIT / 2) + "\"}", ErrorCode.FRAME_TOO_LARGE, fatal),
            row("a text frame over Jetty's hard limit (twice ours)", lobby, "x".repeat(3 * FRAME_LIMIT), null,
                    Ending.CLOSED_BY_JETTY_1009),
            row("a binary frame over the limit", lobby, (h, x, z) -> h.sendBinary(new byte[2 * FRAME_LIMIT]), null,
                    Ending.CLOSED_BY_JETTY_1009)));
        rows.add(new Row("a burst of 260 pings", lobby, (h, x, z) -> {
            for (int i = 0; i < 260; i++) {
                h.sendText("{\"type\":\"ping\"}");
            }
        }, ErrorCode.RATE_LIMITED, open, HostileFramesTest::verifyRateLimited));
        rows.add(new Row(MAX_ERRORS + 10 + " bad frames in a row", lobby, (h, x, z) -> {
            for (int i = 0; i < MAX_ERRORS + 10; i++) {
                h.sendText("nope");
            }
        }, ErrorCode.TOO_MANY_ERRORS, fatal, HostileFramesTest::verifyTooManyErrors));
        return rows.stream().map(r -> Arguments.of(r.toString(), r));
    }

    @BeforeAll
    static void start() throws Exception {
        server = SwarmrtcServer.start(ServerConfig.builder().host("127.0.0.1").port(0).stunPort(0)
                .maxFrameBytes(FRAME_LIMIT).maxErrorsPerConnection(MAX_ERRORS).build());
        port = server.port();
        lobbyX = WsClient.joined(port, LOBBY);
        lobbyY = WsClient.joined(port, LOBBY);
        String other = Rooms.fresh("other");
        otherZ = WsClient.joined(port, other);
        otherW = WsClient.joined(port, other);
        lockedOwner = WsClient.connect(port);
        lockedOwner.join(new Join(LOCKED, "pw", null, null));
    }

    @AfterAll
    static void stop() {
        for (WsClient c : new WsClient[] {lobbyX, lobbyY, otherZ, otherW, lockedOwner}) {
            c.close();
        }
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void hostileFrame(String name, Row row) throws Exception {
        try (WsClient hostile = WsClient.connect(port)) {
            if (row.setup() == Setup.JOIN_LOBBY) {
                hostile.join(Join.room(LOBBY));
            } else if (row.setup() == Setup.JOIN_OWN_ROOM) {
                hostile.join(Join.room(Rooms.fresh("own")));
            }
            row.action().run(hostile, lobbyX, otherZ);
            if (row.verifier() != null) {
                row.verifier().verify(hostile);
            } else if (row.expected() != null) {
                ErrorMessage error = hostile.expectError(row.expected());
                assertEquals(row.expected().fatal(), error.fatal(), "fatal flag");
            }
            switch (row.ending()) {
                case STAYS_OPEN -> {
                    if (row.verifier() == null) {
                        hostile.expectNothingPendingThenPong();
                    }
                    assertFalse(hostile.isClosed());
                }
                case CLOSED_WITH_4000 -> assertEquals(4000, hostile.awaitClose());
                case CLOSED_BY_JETTY_1009 -> assertEquals(1009, hostile.awaitClose());
            }
        }
        bystandersStillRelay();
    }

    /** Peers in the hostile socket's room and in another room still reach each other. */
    private static void bystandersStillRelay() throws Exception {
        lobbyX.send(Offer.to(lobbyY.peerId(), "v=0 x"));
        assertEquals(new Offer(null, lobbyX.peerId(), "v=0 x"), lobbyY.expectSkippingMembership(Offer.class));
        lobbyY.send(Answer.to(lobbyX.peerId(), "v=0 y"));
        assertEquals(new Answer(null, lobbyY.peerId(), "v=0 y"), lobbyX.expectSkippingMembership(Answer.class));
        otherZ.send(Offer.to(otherW.peerId(), "v=0 z"));
        assertEquals(new Offer(null, otherZ.peerId(), "v=0 z"), otherW.expectSkippingMembership(Offer.class));
    }

    /** 260 replies: pongs while the burst lasts, then RATE_LIMITED for the dropped pings. */
    private static void verifyRateLimited(WsClient hostile) throws Exception {
        int pongs = 0;
        int limited = 0;
        for (int i = 0; i < 260; i++) {
            SignalMessage m = hostile.next();
            if (m instanceof Pong) {
                pongs++;
            } else if (m instanceof ErrorMessage e && e.code() == ErrorCode.RATE_LIMITED && !e.fatal()) {
                limited++;
            }
        }
        assertTrue(pongs >= 200, "the burst of 200 passes: " + pongs);
        assertTrue(limited >= 1, "the excess is dropped with RATE_LIMITED: " + limited);
        assertEquals(260, pongs + limited);
    }

    /** BAD_JSON for each bad frame until the limit, then TOO_MANY_ERRORS (fatal). */
    private static void verifyTooManyErrors(WsClient hostile) throws Exception {
        for (int i = 0; i < MAX_ERRORS; i++) {
            hostile.expectError(ErrorCode.BAD_JSON);
        }
        assertTrue(hostile.expectError(ErrorCode.TOO_MANY_ERRORS).fatal());
    }
}
