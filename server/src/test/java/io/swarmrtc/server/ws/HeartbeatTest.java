package io.swarmrtc.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.server.ServerConfig;
import io.swarmrtc.server.SwarmrtcServer;
import io.swarmrtc.server.testing.WsClient;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WebSocket pings every 100 ms, sockets silent for 1 s are dropped. (The idle timeout leaves the
 * answering client ten ping intervals to answer, so a busy machine does not make it look deaf.)
 */
class HeartbeatTest {
    private static final long IDLE_MS = 1000;
    private static SwarmrtcServer server;

    @BeforeAll
    static void start() {
        server = SwarmrtcServer.start(ServerConfig.builder().host("127.0.0.1").port(0).stunPort(0)
                .heartbeat(Duration.ofMillis(100), Duration.ofMillis(IDLE_MS)).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aSocketThatNeverAnswersPingsIsDroppedWhileOneThatAnswersStays() throws Exception {
        try (WsClient answering = WsClient.connect(server.port());    // java.net.http answers pings itself
             Socket deaf = new Socket("127.0.0.1", server.port())) {
            deaf.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            deaf.setSoTimeout(5000);
            InputStream in = deaf.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            long start = System.nanoTime();
            int pings = 0;
            int b;
            try {
                int last = -1;
                while ((b = in.read()) != -1) {          // read (never answer) until the server hangs up
                    received.write(b);
                    if (last == 0x89 && b == 0x00) {      // an empty ping frame: FIN+PING, length 0
                        pings++;
                    }
                    last = b;
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server never dropped a socket that ignores pings", e);
            } catch (java.net.SocketException reset) {
                // a hard disconnect may surface as a reset: the server hung up
            }
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(received.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 101"), "upgrade accepted");
            assertTrue(pings >= 2, "pings seen before the drop: " + pings);
            assertTrue(elapsedMs >= IDLE_MS, "not dropped before the idle timeout: " + elapsedMs + " ms");
            assertFalse(answering.isClosed(), "a socket that answers pings stays open");
            answering.expectNothingPendingThenPong();
        }
    }
}
