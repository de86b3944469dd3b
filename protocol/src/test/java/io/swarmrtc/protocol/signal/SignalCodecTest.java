package io.swarmrtc.protocol.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SignalCodecTest {

    @Test
    @DisplayName("unknown fields are ignored and null optionals count as absent")
    void unknownFieldsAreIgnored() throws Exception {
        SignalMessage m = SignalCodec.decodeFromClient(
                "{\"type\":\"join\",\"room\":\"r1\",\"future\":{\"x\":[1]},\"password\":null}");
        assertEquals(Join.room("r1"), m);
    }

    @Test
    @DisplayName("a relayed message swaps 'to' for 'from' and keeps the payload")
    void relayedFromSwapsAddress() throws Exception {
        Candidate c = (Candidate) SignalCodec.decodeFromClient(
                "{\"type\":\"candidate\",\"to\":\"B\",\"from\":\"spoofed\",\"candidate\":{\"candidate\":\"c\",\"usernameFragment\":\"u\"}}");
        Candidate relayed = c.relayedFrom("A");
        assertNull(relayed.to());
        assertEquals("{\"type\":\"candidate\",\"from\":\"A\",\"candidate\":{\"candidate\":\"c\",\"usernameFragment\":\"u\"}}",
                SignalCodec.encode(relayed));
    }

    @Test
    @DisplayName("a server message without 'from' is a BAD_FIELD naming 'from'")
    void serverRelayNeedsFrom() {
        SignalException e = assertThrows(SignalException.class,
                () -> SignalCodec.decodeFromServer("{\"type\":\"offer\",\"to\":\"B\",\"sdp\":\"v=0\"}"));
        assertEquals(ErrorCode.BAD_FIELD, e.code());
        assertEquals("from", e.field());
    }

    @Test
    @DisplayName("deeply nested JSON is BAD_JSON, not a stack overflow")
    void deepNestingIsBadJson() {
        String deep = "{\"type\":\"ping\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        SignalException e = assertThrows(SignalException.class, () -> SignalCodec.decodeFromClient(deep));
        assertEquals(ErrorCode.BAD_JSON, e.code());
    }

    @Test
    @DisplayName("error messages take their fatal flag from the code table")
    void errorFatalFollowsCode() {
        assertEquals(true, ErrorMessage.of(ErrorCode.FRAME_TOO_LARGE, "x").fatal());
        assertEquals(false, ErrorMessage.of(ErrorCode.UNKNOWN_PEER, "x").fatal());
        assertEquals(List.of(), new Joined("r", "p", "t", List.of(), false).peers());
    }
}
