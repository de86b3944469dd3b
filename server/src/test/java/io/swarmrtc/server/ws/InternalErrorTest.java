package io.swarmrtc.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.swarmrtc.protocol.signal.ErrorCode;
import io.swarmrtc.protocol.signal.Offer;
import io.swarmrtc.protocol.signal.PeerJoined;
import io.swarmrtc.protocol.signal.Ping;
import io.swarmrtc.server.ServerConfig;
import io.swarmrtc.server.SwarmrtcServer;
import io.swarmrtc.server.testing.Rooms;
import io.swarmrtc.server.testing.WsClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A bug while handling one message costs that message only: INTERNAL, and everything else goes on. */
class InternalErrorTest {

    /** A clock whose instant() throws while armed, standing in for any bug in a handler. */
    static final class FaultyClock extends Clock {
        volatile boolean armed;

        @Override
        public Instant instant() {
            if (armed) {
                throw new IllegalStateException("injected bug");
            }
            return Instant.now();
        }

        @Override
        public long millis() {
            return System.currentTimeMillis();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void aBugInAHandlerYieldsInternalForThatMessageOnly() throws Exception {
        FaultyClock clock = new FaultyClock();
        try (SwarmrtcServer server = SwarmrtcServer.start(ServerConfig.builder().host("127.0.0.1").port(0).stunPort(0)
                .clock(clock).build())) {
            String room = Rooms.fresh("bug");
            try (WsClient a = WsClient.joined(server.port(), room); WsClient b = WsClient.joined(server.port(), room)) {
                a.expect(PeerJoined.class);
                clock.armed = true;        // the rate limiter reads instant(): every message now hits the bug
                b.send(new Ping());
                assertFalse(b.expectError(ErrorCode.INTERNAL).fatal());
                b.send(Offer.to(a.peerId(), "v=0"));
                b.expectError(ErrorCode.INTERNAL);
                clock.armed = false;
                b.expectNothingPendingThenPong();
                b.send(Offer.to(a.peerId(), "v=0 after"));
                assertEquals(new Offer(null, b.peerId(), "v=0 after"), a.next(), "the lost offer is not replayed");
            }
        }
    }
}
