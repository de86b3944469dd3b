package io.swarmrtc.server.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmrtc.server.ServerConfig;
import io.swarmrtc.server.SwarmrtcServer;
import io.swarmrtc.stunturn.testing.Coturn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interop: coturn's turnutils_uclient, given exactly the username and credential a browser gets
 * from /api/ice-servers, relays through the server jar's embedded TURN server to a turnutils_peer.
 */
class CoturnUclientWithIceServersCredentialsTest {
    private static SwarmrtcServer server;
    private static Coturn.EchoPeer peer;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Coturn.installed("turnutils_uclient", "turnutils_peer"),
                "coturn's turnutils_* are not installed (apt install coturn)");
        server = startOnOnePortForUdpAndTcp();
        peer = Coturn.startEchoPeer();
    }

    /** turnutils_uclient takes one -p for UDP and TCP, so the embedded server needs one port for both. */
    private static SwarmrtcServer startOnOnePortForUdpAndTcp() throws IOException {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            try {
                return SwarmrtcServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
                        .stun(s -> s.port(port).relayPorts(0, 0).allowPeers(List.of("127.0.0.0/8"))).build());
            } catch (UncheckedIOException e) {
                last = e; // the UDP side of that port was taken: try another
            }
        }
        throw last;
    }

    @AfterAll
    static void stop() throws Exception {
        if (peer != null) {
            peer.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "turnutils_uclient over {0} with /api/ice-servers credentials relays every message")
    @ValueSource(strings = {"udp", "tcp"})
    void uclientRelaysWithTheCredentialsBrowsersGet(String transport) throws Exception {
        JsonNode turn = new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/ice-servers?peer=uclient-" + transport)).build(),
                HttpResponse.BodyHandlers.ofString()).body()).at("/iceServers/1");
        assertTrue(turn.get("urls").toString().contains("turn:127.0.0.1:" + server.stunUdpPort()), turn.toString());
        List<String> cmd = new ArrayList<>(List.of("turnutils_uclient", "-c", "-n", "10", "-m", "1", "-l", "200",
                "-z", "5", "-e", "127.0.0.1", "-r", String.valueOf(peer.port()), "-p", String.valueOf(server.stunUdpPort()),
                "-u", turn.get("username").asText(), "-w", turn.get("credential").asText()));
        if (transport.equals("tcp")) {
            cmd.add("-t");
        }
        cmd.add("127.0.0.1");
        String out = Coturn.run(cmd);
        assertEquals(new Coturn.Totals(10, 10), Coturn.uclientTotals(out),
                "every message sent came back through the relay:\n" + out);
    }
}
