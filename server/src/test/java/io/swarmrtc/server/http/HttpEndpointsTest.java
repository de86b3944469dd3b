package io.swarmrtc.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmrtc.protocol.signal.ErrorCode;
import io.swarmrtc.protocol.signal.Offer;
import io.swarmrtc.protocol.signal.PeerJoined;
import io.swarmrtc.server.ServerConfig;
import io.swarmrtc.server.SwarmrtcServer;
import io.swarmrtc.server.testing.Rooms;
import io.swarmrtc.server.testing.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.ParameterizedTest;

/** /api/ice-servers, /health, /metrics and / on a real server. */
class HttpEndpointsTest {
    private static final String TURN_SECRET = "test-turn-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static SwarmrtcServer server;
    private static SwarmrtcServer behindNat;

    @BeforeAll
    static void start() {
        server = SwarmrtcServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .turnSecret(TURN_SECRET).turnTtl(Duration.ofHours(2)).stunPort(3479).build());
        behindNat = SwarmrtcServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .publicHost("turn.example.org").build());
    }

    @AfterAll
    static void stop() {
        server.close();
        behindNat.close();
    }

    private static HttpResponse<String> get(SwarmrtcServer s, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void iceServersCarryStunAndTurnUrlsAndAnHmacCredentialWeCanRecompute() throws Exception {
        long before = System.currentTimeMillis() / 1000;
        HttpResponse<String> r = get(server, "/api/ice-servers?peer=aGVsbG8td29ybGQtaGVsbG8");
        assertEquals(200, r.statusCode());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        JsonNode body = JSON.readTree(r.body());
        assertEquals(7200, body.get("ttl").asLong());
        JsonNode servers = body.get("iceServers");
        assertEquals("stun:127.0.0.1:3479", servers.get(0).get("urls").get(0).asText());
        JsonNode turn = servers.get(1);
        assertEquals(List.of("turn:127.0.0.1:3479?transport=udp", "turn:127.0.0.1:3479?transport=tcp"),
                List.of(turn.get("urls").get(0).asText(), turn.get("urls").get(1).asText()));
        String username = turn.get("username").asText();
        Matcher m = Pattern.compile("(\\d+):aGVsbG8td29ybGQtaGVsbG8").matcher(username);
        assertTrue(m.matches(), username);
        long expiry = Long.parseLong(m.group(1));
        assertTrue(expiry >= before + 7200 && expiry <= System.currentTimeMillis() / 1000 + 7200, "expiry " + expiry);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TURN_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, turn.get("credential").asText());
    }

    @Test
    void iceServersWithoutAPeerUseARandomId() throws Exception {
        String user1 = JSON.readTree(get(server, "/api/ice-servers").body()).at("/iceServers/1/username").asText();
        String user2 = JSON.readTree(get(server, "/api/ice-servers").body()).at("/iceServers/1/username").asText();
        assertTrue(user1.matches("\\d+:[A-Za-z0-9_-]{22}"), user1);
        assertTrue(!user1.equals(user2));
    }

    @Test
    void iceServersRefuseAPeerIdThatCouldForgeAUsername() throws Exception {
        HttpResponse<String> r = get(server, "/api/ice-servers?peer=1:2");
        assertEquals(400, r.statusCode());
        assertEquals("BAD_FIELD", JSON.readTree(r.body()).get("error").asText());
    }

    @Test
    void aServerThatAdvertisesNoIceServersReturnsAnEmptyList() throws Exception {
        try (SwarmrtcServer lan = SwarmrtcServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .advertiseIceServers(false).build())) {
            HttpResponse<String> r = get(lan, "/api/ice-servers?peer=p1");
            assertEquals(200, r.statusCode());
            JsonNode body = JSON.readTree(r.body());
            assertEquals(0, body.get("iceServers").size(), r.body());
            assertEquals(0, body.get("ttl").asInt(), r.body());
        }
    }

    @Test
    void thePublicHostOptionReplacesTheRequestHost() throws Exception {
        JsonNode body = JSON.readTree(get(behindNat, "/api/ice-servers?peer=p1").body());
        assertEquals("stun:turn.example.org:3478", body.at("/iceServers/0/urls/0").asText());
        assertEquals("turn:turn.example.org:3478?transport=tcp", body.at("/iceServers/1/urls/1").asText());
    }

    @Test
    void healthAndMetricsCountPeersRoomsRelaysAndErrors() throws Exception {
        String room = Rooms.fresh("metrics");
        try (WsClient a = WsClient.joined(server.port(), room); WsClient b = WsClient.joined(server.port(), room)) {
            a.expect(PeerJoined.class);
            b.send(Offer.to(a.peerId(), "v=0"));
            a.expect(Offer.class);
            b.send(Offer.to("nobody", "v=0"));
            b.expectError(ErrorCode.UNKNOWN_PEER);

            JsonNode health = JSON.readTree(get(server, "/health").body());
            assertEquals("ok", health.get("status").asText());
            assertTrue(health.get("uptimeSeconds").asLong() >= 0);
            assertTrue(health.get("peers").asInt() >= 2);
            assertTrue(health.get("rooms").asInt() >= 1);

            HttpResponse<String> metrics = get(server, "/metrics");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            assertTrue(metricValue(metrics.body(), "swarmrtc_peers_connected") >= 2);
            assertTrue(metricValue(metrics.body(), "swarmrtc_rooms") >= 1);
            assertTrue(metricValue(metrics.body(), "swarmrtc_connections") >= 2);
            assertTrue(metricValue(metrics.body(), "swarmrtc_messages_relayed_total") >= 1);
            assertTrue(metricValue(metrics.body(), "swarmrtc_errors_total{code=\"UNKNOWN_PEER\"}") >= 1);
            assertEquals(0, metricValue(metrics.body(), "swarmrtc_errors_total{code=\"INTERNAL\"}"));
            assertTrue(metrics.body().contains("jvm_memory_used_bytes"));
        }
    }

    @ParameterizedTest(name = "the bundled web app serves {0} as {1}")
    @CsvSource({
        "/,                  text/html,       id=\"file-input\"",
        "/download.html,     text/html,       id=\"progress\"",
        "/chat.html,         text/html,       id=\"chat-input\"",
        "/lib/index.js,      text/javascript, export",
    })
    void theBundledWebAppIsServed(String path, String contentType, String marker) throws Exception {
        HttpResponse<String> r = get(server, path);
        assertEquals(200, r.statusCode(), path);
        String type = r.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith(contentType), path + " has Content-Type " + type);
        assertTrue(r.body().contains(marker), path + " lacks " + marker);
    }

    private static double metricValue(String exposition, String series) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no series " + series + " in\n" + exposition);
    }
}
