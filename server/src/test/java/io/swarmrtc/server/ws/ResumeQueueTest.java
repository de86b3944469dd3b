package io.swarmrtc.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmrtc.protocol.signal.Candidate;
import io.swarmrtc.protocol.signal.IceCandidate;
import io.swarmrtc.protocol.signal.Join;
import io.swarmrtc.protocol.signal.Joined;
import io.swarmrtc.protocol.signal.Offer;
import io.swarmrtc.protocol.signal.PeerJoined;
import io.swarmrtc.server.ServerConfig;
import io.swarmrtc.server.SwarmrtcServer;
import io.swarmrtc.server.testing.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResumeQueueTest {

    @Test
    void messagesForAPeerInItsGracePeriodAreDeliveredInOrderWhenItResumes() throws Exception {
        try (SwarmrtcServer server = SwarmrtcServer.start(ServerConfig.builder().host("127.0.0.1").port(0).stunPort(0)
                .resumeGrace(Duration.ofSeconds(30)).build());
             WsClient a = WsClient.joined(server.port(), "queue");
             WsClient b = WsClient.joined(server.port(), "queue");
             WsClient b2 = WsClient.connect(server.port())) {
            a.expect(PeerJoined.class);
            b.abort();
            awaitConnectedPeers(server.port(), 1);     // the server has noticed: b is in its grace period
            IceCandidate ice = new IceCandidate("candidate:1 1 udp 1 127.0.0.1 9 typ host", "0", 0, null);
            a.send(Offer.to(b.peerId(), "v=0 while away"));
            a.send(Candidate.to(b.peerId(), ice));
            a.expectNothingPendingThenPong();         // both were accepted, not UNKNOWN_PEER

            Joined resumed = b2.join(new Join("queue", null, null, b.joinedMessage().resumeToken()));
            assertEquals(b.peerId(), resumed.peerId());
            assertEquals(new Offer(null, a.peerId(), "v=0 while away"), b2.next());
            assertEquals(new Candidate(null, a.peerId(), ice), b2.next());
            b2.expectNothingPendingThenPong();
        }
    }

    /** Polls /health until {@code expected} peers have a live socket (deadline: 5 s). */
    private static void awaitConnectedPeers(int port, int expected) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int seen = -1;
        while (System.nanoTime() < deadline) {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            seen = json.readTree(body).get("connectedPeers").asInt();
            if (seen == expected) {
                return;
            }
            Thread.onSpinWait();
        }
        fail("connectedPeers stayed " + seen + ", expected " + expected);
    }
}
