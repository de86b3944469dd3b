package io.swarmrtc.server.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.swarmrtc.protocol.signal.ErrorCode;
import io.swarmrtc.protocol.signal.Join;
import io.swarmrtc.server.ServerConfig;
import io.swarmrtc.server.SwarmrtcServer;
import io.swarmrtc.server.auth.JoinTokens;
import io.swarmrtc.server.testing.Rooms;
import io.swarmrtc.server.testing.WsClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A server started with --join-secret and --require-join-token. */
class JoinTokenTest {
    private static final String SECRET = "join-secret";
    private static final String ROOM = Rooms.fresh("tokens");
    private static SwarmrtcServer server;

    @BeforeAll
    static void start() {
        server = SwarmrtcServer.start(ServerConfig.builder().host("127.0.0.1").port(0).stunPort(0)
                .joinSecret(SECRET).requireJoinToken(true).build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A token built by hand from the format in docs/signaling.md, not by the server's own code. */
    static String handMadeToken(String secret, String payloadJson) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String payload = b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return payload + "." + b64.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
    }

    static Stream<Arguments> badTokens() throws Exception {
        long future = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
        long past = Instant.now().minus(Duration.ofMinutes(1)).getEpochSecond();
        String good = handMadeToken(SECRET, "{\"room\":\"" + ROOM + "\",\"exp\":" + future + "}");
        return Stream.of(
            Arguments.of("no token at all", null),
            Arguments.of("an expired token", handMadeToken(SECRET, "{\"room\":\"" + ROOM + "\",\"exp\":" + past + "}")),
            Arguments.of("a token for another room", handMadeToken(SECRET, "{\"room\":\"elsewhere\",\"exp\":" + future + "}")),
            Arguments.of("a token signed with another secret", handMadeToken("guess", "{\"room\":\"" + ROOM + "\",\"exp\":" + future + "}")),
            Arguments.of("a token with a tampered payload", "x" + good),
            Arguments.of("a token without exp", handMadeToken(SECRET, "{\"room\":\"" + ROOM + "\"}")),
            Arguments.of("a token that is not base64", "!!!.???"),
            Arguments.of("a token without a signature", good.substring(0, good.indexOf('.'))));
    }

    @ParameterizedTest(name = "{0} is refused with BAD_TOKEN and the socket stays open")
    @MethodSource("badTokens")
    void badTokensAreRefused(String what, String token) throws Exception {
        try (WsClient c = WsClient.connect(server.port())) {
            c.send(new Join(ROOM, null, token, null));
            c.expectError(ErrorCode.BAD_TOKEN);
            c.expectNothingPendingThenPong();
        }
    }

    @Test
    void aValidHandMadeTokenAdmitsAndResumeNeedsNoNewToken() throws Exception {
        String token = handMadeToken(SECRET, "{\"room\":\"" + ROOM + "\",\"exp\":"
                + Instant.now().plus(Duration.ofMinutes(5)).getEpochSecond() + "}");
        try (WsClient c = WsClient.connect(server.port()); WsClient c2 = WsClient.connect(server.port())) {
            String resumeToken = c.join(new Join(ROOM, null, token, null)).resumeToken();
            String id = c.peerId();
            c.abort();
            assertEquals(id, c2.join(new Join(ROOM, null, null, resumeToken)).peerId());
        }
    }

    @Test
    void tokensIssuedByJoinTokensMatchTheDocumentedFormat() throws Exception {
        Instant exp = Instant.ofEpochSecond(1_900_000_000L);
        assertEquals(handMadeToken(SECRET, "{\"room\":\"team-42\",\"exp\":1900000000}"),
                new JoinTokens(SECRET).issue("team-42", exp));
    }
}
