package io.swarmrtc.server.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmrtc.server.ServerConfig;
import io.swarmrtc.server.SwarmrtcServer;
import io.swarmrtc.server.testing.StunProbe;
import io.swarmrtc.stunturn.codec.ErrorCode;
import io.swarmrtc.stunturn.codec.MessageClass;
import io.swarmrtc.stunturn.codec.RequestedTransport;
import io.swarmrtc.stunturn.codec.StunMessage;
import io.swarmrtc.stunturn.codec.StunMessageWriter;
import io.swarmrtc.stunturn.codec.StunMethod;
import io.swarmrtc.stunturn.codec.XorMappedAddress;
import io.swarmrtc.stunturn.codec.XorPeerAddress;
import io.swarmrtc.stunturn.codec.XorRelayedAddress;
import io.swarmrtc.stunturn.testing.MutableClock;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server jar's embedded STUN/TURN server on real sockets: Binding over UDP and TCP, TURN
 * Allocate with the credentials /api/ice-servers hands out, expiry, metrics, and clean shutdown.
 */
class EmbeddedStunTurnTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Consumer<StunMessageWriter> UDP_RELAY =
            w -> RequestedTransport.write(w, RequestedTransport.UDP);

    private final MutableClock clock = new MutableClock(Instant.now());
    private SwarmrtcServer server;

    @BeforeEach
    void start() {
        // Defaults, except loopback, free ports, a test clock and relays that may reach local peers.
        server = SwarmrtcServer.start(ServerConfig.builder().host("127.0.0.1").port(0).clock(clock)
                .turnTtl(Duration.ofMinutes(5))
                .stun(s -> s.port(0).relayPorts(0, 0).allowPeers(List.of("127.0.0.0/8"))).build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "a STUN Binding over {0} gets a success with the sender''s address")
    @ValueSource(strings = {"udp", "tcp"})
    void aBindingGetsTheSendersAddressBack(String transport) throws Exception {
        int port = transport.equals("udp") ? server.stunUdpPort() : server.stunTcpPort();
        try (StunProbe probe = StunProbe.over(transport, port)) {
            StunMessage r = probe.binding();
            assertEquals(MessageClass.SUCCESS_RESPONSE, r.messageClass());
            assertEquals(probe.localAddress(), XorMappedAddress.first(r));
        }
    }

    @ParameterizedTest(name = "TURN over {0}: 401 challenge, then Allocate with /api/ice-servers credentials succeeds")
    @ValueSource(strings = {"udp", "tcp"})
    void credentialsFromTheIceServersEndpointAllocateARelay(String transport) throws Exception {
        TurnEntry turn = turnEntry(transport);
        try (StunProbe probe = StunProbe.over(transport, turn.port)) {
            StunMessage challenge = probe.challenge(StunMethod.ALLOCATE, UDP_RELAY);
            assertEquals(401, ErrorCode.read(challenge).code());
            assertEquals("swarmrtc", probe.realm(), "the realm /api/ice-servers credentials are minted for");

            StunMessage r = probe.signed(StunMethod.ALLOCATE, turn.username, turn.credential, UDP_RELAY);
            assertEquals(MessageClass.SUCCESS_RESPONSE, r.messageClass(), "error " + ErrorCode.read(r));
            assertEquals(InetAddress.getByName("127.0.0.1"), XorRelayedAddress.first(r).getAddress());
        }
    }

    @Test
    void testsGetTheSameIceServerListInProcessWithTheBoundPorts() throws Exception {
        List<io.swarmrtc.server.http.IceServer> list = server.iceServers("127.0.0.1", "probe");
        assertEquals(List.of("stun:127.0.0.1:" + server.stunUdpPort()), list.get(0).urls());
        assertEquals(List.of("turn:127.0.0.1:" + server.stunUdpPort() + "?transport=udp",
                "turn:127.0.0.1:" + server.stunTcpPort() + "?transport=tcp"), list.get(1).urls());
        TurnEntry fromHttp = turnEntry("udp");
        assertEquals(fromHttp.username, list.get(1).username(), "same peer, same clock: same username");
        assertEquals(fromHttp.credential, list.get(1).credential());
    }

    @Test
    void credentialsPastTheirTtlAreRefusedWith401() throws Exception {
        TurnEntry turn = turnEntry("udp");
        try (StunProbe probe = StunProbe.udp(turn.port)) {
            probe.challenge(StunMethod.ALLOCATE, UDP_RELAY);
            clock.advance(Duration.ofMinutes(5).plusSeconds(1));
            StunMessage r = probe.signed(StunMethod.ALLOCATE, turn.username, turn.credential, UDP_RELAY);
            assertEquals(MessageClass.ERROR_RESPONSE, r.messageClass());
            assertEquals(401, ErrorCode.read(r).code());
        }
    }

    @Test
    void aCredentialSignedWithAnotherSecretIsRefusedWith401() throws Exception {
        TurnEntry turn = turnEntry("udp");
        try (StunProbe probe = StunProbe.udp(turn.port)) {
            probe.challenge(StunMethod.ALLOCATE, UDP_RELAY);
            StunMessage r = probe.signed(StunMethod.ALLOCATE, turn.username, "bm90LXRoZS1wYXNzd29yZA==", UDP_RELAY);
            assertEquals(401, ErrorCode.read(r).code());
        }
    }

    @Test
    void metricsShowBindingsAllocationsRelayedBytesAndErrorsMoving() throws Exception {
        assertEquals(0, metric("swarmrtc_turn_bindings_total"));
        assertEquals(0, metric("swarmrtc_turn_allocations_active"));
        assertEquals(0, metric("swarmrtc_turn_relayed_bytes_total"));
        assertEquals(0, metric("swarmrtc_turn_errors_total{code=\"401\"}"));

        TurnEntry turn = turnEntry("udp");
        try (StunProbe probe = StunProbe.udp(turn.port); DatagramSocket peer = loopbackSocket()) {
            probe.binding();
            probe.challenge(StunMethod.ALLOCATE, UDP_RELAY);
            StunMessage allocated = probe.signed(StunMethod.ALLOCATE, turn.username, turn.credential, UDP_RELAY);
            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
            StunMessage permitted = probe.signed(StunMethod.CREATE_PERMISSION, turn.username, turn.credential,
                    w -> XorPeerAddress.write(w, peerAddress));
            assertEquals(MessageClass.SUCCESS_RESPONSE, permitted.messageClass(), "" + ErrorCode.read(permitted));
            byte[] payload = "hello through the relay".getBytes(StandardCharsets.UTF_8);
            probe.send(sendIndication(peerAddress, payload));

            DatagramPacket received = new DatagramPacket(new byte[100], 100);
            peer.receive(received);
            assertArrayEquals(payload, java.util.Arrays.copyOf(received.getData(), received.getLength()));
            assertEquals(XorRelayedAddress.first(allocated), received.getSocketAddress());

            assertEquals(1, metric("swarmrtc_turn_bindings_total"));
            assertEquals(1, metric("swarmrtc_turn_allocations_active"));
            assertEquals(1, metric("swarmrtc_turn_allocations_total"));
            assertEquals(payload.length, metric("swarmrtc_turn_relayed_bytes_total"));
            assertEquals(1, metric("swarmrtc_turn_relayed_packets_total"));
            assertEquals(1, metric("swarmrtc_turn_errors_total{code=\"401\"}"));
            assertEquals(0, metric("swarmrtc_turn_errors_total{code=\"486\"}"));
        }
    }

    @Test
    void byDefaultRelayingToLoopbackPeersIsForbidden() throws Exception {
        server.close();
        server = SwarmrtcServer.start(ServerConfig.builder().host("127.0.0.1").port(0).stun(s -> s.port(0).relayPorts(0, 0))
                .build());
        TurnEntry turn = turnEntry("udp");
        try (StunProbe probe = StunProbe.udp(turn.port)) {
            probe.challenge(StunMethod.ALLOCATE, UDP_RELAY);
            probe.signed(StunMethod.ALLOCATE, turn.username, turn.credential, UDP_RELAY);
            StunMessage r = probe.signed(StunMethod.CREATE_PERMISSION, turn.username, turn.credential,
                    w -> XorPeerAddress.write(w, new InetSocketAddress(InetAddress.getLoopbackAddress(), 9)));
            assertEquals(403, ErrorCode.read(r).code());
        }
    }

    @Test
    void thePerUserAllocationQuotaApplies() throws Exception {
        server.close();
        server = SwarmrtcServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .stun(s -> s.port(0).relayPorts(0, 0).maxAllocationsPerUser(1)).build());
        TurnEntry turn = turnEntry("udp");
        try (StunProbe first = StunProbe.udp(turn.port); StunProbe second = StunProbe.udp(turn.port)) {
            first.challenge(StunMethod.ALLOCATE, UDP_RELAY);
            assertEquals(MessageClass.SUCCESS_RESPONSE,
                    first.signed(StunMethod.ALLOCATE, turn.username, turn.credential, UDP_RELAY).messageClass());
            second.challenge(StunMethod.ALLOCATE, UDP_RELAY);
            StunMessage r = second.signed(StunMethod.ALLOCATE, turn.username, turn.credential, UDP_RELAY);
            assertEquals(486, ErrorCode.read(r).code());
        }
    }

    @Test
    void closingFreesTheUdpAndTcpPortsForTheNextStart() {
        int udp = server.stunUdpPort();
        int tcp = server.stunTcpPort();
        server.close();
        for (var transport : List.of(new boolean[] {true, false}, new boolean[] {false, true})) {
            int port = transport[0] ? udp : tcp;
            try (SwarmrtcServer again = SwarmrtcServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
                    .stun(s -> s.port(port).transports(transport[0], transport[1])).build())) {
                assertEquals(transport[0] ? udp : -1, again.stunUdpPort());
                assertEquals(transport[1] ? tcp : -1, again.stunTcpPort());
            }
        }
    }

    @Test
    void aTakenStunPortFailsTheStartAndLeavesNothingBound() throws Exception {
        try (DatagramSocket taken = loopbackSocket()) {
            int port = taken.getLocalPort();
            var config = ServerConfig.builder().host("127.0.0.1").port(0).stun(s -> s.port(port)).build();
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> SwarmrtcServer.start(config));
            assertTrue(e.getMessage().contains(Integer.toString(port)), e.getMessage());
        }
    }

    /** The TURN URL for {@code transport} and the credential, as a browser would get them. */
    private TurnEntry turnEntry(String transport) throws Exception {
        JsonNode body = JSON.readTree(HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/ice-servers?peer=probe")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode entry : body.get("iceServers")) {
            for (JsonNode url : entry.get("urls")) {
                Matcher m = Pattern.compile("turn:127\\.0\\.0\\.1:(\\d+)\\?transport=" + transport).matcher(url.asText());
                if (m.matches()) {
                    return new TurnEntry(Integer.parseInt(m.group(1)), entry.get("username").asText(),
                            entry.get("credential").asText());
                }
            }
        }
        throw new AssertionError("no TURN " + transport + " URL in " + body);
    }

    private record TurnEntry(int port, String username, String credential) {
        TurnEntry {
            assertNotEquals(0, port);
        }
    }

    private double metric(String series) throws Exception {
        String exposition = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no series " + series + " in /metrics");
    }

    private static DatagramSocket loopbackSocket() throws Exception {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        s.setSoTimeout(3000);
        return s;
    }

    private static byte[] sendIndication(InetSocketAddress peer, byte[] payload) {
        StunMessageWriter w = new StunMessageWriter(1500).begin(StunMethod.SEND, MessageClass.INDICATION, new byte[12]);
        XorPeerAddress.write(w, peer);
        io.swarmrtc.stunturn.codec.Data.write(w, payload, 0, payload.length);
        return w.fingerprint().toByteArray();
    }
}
