package io.swarmrtc.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.swarmrtc.server.StunConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** /api/ice-servers lists only what actually listens, on the bound ports. */
class IceServersTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000);
    private static final int OFF = IceServers.NOT_LISTENING;

    private static StunConfig.Builder stun() {
        return StunConfig.builder().turnSecret("s").turnTtl(Duration.ofHours(1));
    }

    static Stream<Arguments> listeners() {
        return Stream.of(
                Arguments.of("UDP and TCP", 40000, 40001, List.of("stun:h:40000"),
                        List.of("turn:h:40000?transport=udp", "turn:h:40001?transport=tcp")),
                Arguments.of("UDP only", 3478, OFF, List.of("stun:h:3478"), List.of("turn:h:3478?transport=udp")),
                Arguments.of("TCP only (browsers do STUN over UDP only)", OFF, 3478, List.of(),
                        List.of("turn:h:3478?transport=tcp")),
                Arguments.of("the embedded server disabled", OFF, OFF, List.of(), List.of()));
    }

    @ParameterizedTest(name = "with {0} listening, it advertises STUN {3} and TURN {4}")
    @MethodSource("listeners")
    void onlyListeningTransportsAreAdvertised(String name, int udp, int tcp, List<String> stunUrls,
            List<String> turnUrls) {
        List<IceServer> list = new IceServers(stun().build(), udp, tcp).list("h", "p1", NOW);
        List<IceServer> stunEntries = list.stream().filter(s -> s.username() == null).toList();
        List<IceServer> turnEntries = list.stream().filter(s -> s.username() != null).toList();
        assertEquals(stunUrls, stunEntries.isEmpty() ? List.of() : stunEntries.get(0).urls());
        assertEquals(turnUrls, turnEntries.isEmpty() ? List.of() : turnEntries.get(0).urls());
        assertEquals(list.size(), (stunUrls.isEmpty() ? 0 : 1) + (turnUrls.isEmpty() ? 0 : 1));
    }

    @Test
    void configuredIceUrlsReplaceTheDerivedOnesAndTurnUrlsGetCredentials() {
        StunConfig config = stun().iceUrls(List.of("stun:stun.example.org:3478",
                "turns:turn.example.org:443?transport=tcp", "turn:turn.example.org:3478")).build();
        List<IceServer> list = new IceServers(config, 3478, 3478).list("ignored", "p1", NOW);
        assertEquals(List.of("stun:stun.example.org:3478"), list.get(0).urls());
        assertNull(list.get(0).username());
        assertEquals(List.of("turns:turn.example.org:443?transport=tcp", "turn:turn.example.org:3478"),
                list.get(1).urls());
        assertEquals((NOW.getEpochSecond() + 3600) + ":p1", list.get(1).username());
    }

    @ParameterizedTest(name = "public host ''{0}'' and Host header ''{1}'' advertise {2}")
    @CsvSource(nullValues = "null", value = {
        "turn.example.org, 10.0.0.1:8080, turn.example.org",
        "null, signal.example.org:8443, signal.example.org",
        "null, signal.example.org, signal.example.org",
        "null, '[::1]:8080', '[::1]'",
        "null, null, 127.0.0.1",
        "null, '', 127.0.0.1",
        "null, 'evil.org/path?x', 127.0.0.1",
        "null, '[zz]:1', 127.0.0.1",
    })
    void advertisedHost(String publicHost, String hostHeader, String expected) {
        assertEquals(expected, IceServers.advertisedHost(publicHost, hostHeader));
    }

    @Test
    void withNothingToAdvertiseTheBodyIsAnEmptyListWithTheTtl() {
        assertEquals("{\"iceServers\":[],\"ttl\":3600}", new IceServers(stun().build(), OFF, OFF).json("h", "p", NOW));
    }
}
