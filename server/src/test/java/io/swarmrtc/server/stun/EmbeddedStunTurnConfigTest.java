package io.swarmrtc.server.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.server.ServerConfig;
import io.swarmrtc.stunturn.StunTurnConfig;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the server's options become the embedded stun-turn configuration (no sockets). */
class EmbeddedStunTurnConfigTest {
    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void theJarsDefaultsServeUdpAndTcp3478OnAllInterfacesWithTheSignalingSecretAndClock() throws Exception {
        ServerConfig server = ServerConfig.builder().build();
        StunTurnConfig turn = EmbeddedStunTurn.toStunTurnConfig(server, List.of(ip("fe80::1"), ip("10.1.2.3")));
        assertTrue(turn.bindAddress().isAnyLocalAddress());
        assertEquals(3478, turn.udpPort());
        assertEquals(3478, turn.tcpPort());
        assertEquals(ip("10.1.2.3"), turn.relayAddress(), "a wildcard bind relays on the first routable IPv4");
        assertEquals(49152, turn.relayPortMin());
        assertEquals(65535, turn.relayPortMax());
        assertEquals(server.stun().turnSecret(), turn.sharedSecret());
        assertEquals("swarmrtc", turn.realm());
        assertSame(server.clock(), turn.clock());
        assertEquals(List.of(), turn.allowedPeers(), "secure default: private and loopback peers denied");
        assertEquals(10_000, turn.maxAllocations());
        assertEquals(10, turn.maxAllocationsPerUser());
        assertEquals(16L * 1024 * 1024, turn.userBytesPerSecond());
    }

    @Test
    void everyStunTurnOptionIsPassedOn() throws Exception {
        ServerConfig server = ServerConfig.builder().host("0.0.0.0").turnSecret("shared").turnRealm("example.org")
                .clock(Clock.systemUTC())
                .stun(s -> s.host("127.0.0.1").port(5349).transports(false, true).relayAddress("127.0.0.2")
                        .relayPorts(50000, 50010).allowPeers(List.of("10.0.0.0/8")).maxAllocations(5)
                        .maxAllocationsPerUser(1).userBytesPerSecond(1000))
                .build();
        StunTurnConfig turn = EmbeddedStunTurn.toStunTurnConfig(server, List.of());
        assertEquals(ip("127.0.0.1"), turn.bindAddress());
        assertEquals(StunTurnConfig.DISABLED, turn.udpPort());
        assertEquals(5349, turn.tcpPort());
        assertEquals(ip("127.0.0.2"), turn.relayAddress());
        assertEquals(50000, turn.relayPortMin());
        assertEquals(50010, turn.relayPortMax());
        assertEquals("shared", turn.sharedSecret());
        assertEquals("example.org", turn.realm());
        assertEquals(1, turn.allowedPeers().size());
        assertEquals(5, turn.maxAllocations());
        assertEquals(1, turn.maxAllocationsPerUser());
        assertEquals(1000, turn.userBytesPerSecond());
    }

    @Test
    void theStunHostDefaultsToTheHttpHost() throws Exception {
        StunTurnConfig turn = EmbeddedStunTurn.toStunTurnConfig(
                ServerConfig.builder().host("127.0.0.1").build(), List.of(ip("10.1.2.3")));
        assertEquals(ip("127.0.0.1"), turn.bindAddress());
        assertEquals(ip("127.0.0.1"), turn.relayAddress());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1} is refused: bind and relay addresses are IP literals")
    @org.junit.jupiter.params.provider.CsvSource({"--stun-host, stun.example.org", "--relay-address, relay.example.org"})
    void bindAndRelayAddressesMustBeIpLiterals(String option, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.builder().host("127.0.0.1").stun(s -> {
                    if (option.equals("--stun-host")) {
                        s.host(value);
                    } else {
                        s.relayAddress(value);
                    }
                }).build());
        assertTrue(e.getMessage().contains(option.substring(2).replace('-', ' ')), e.getMessage());
    }
}
