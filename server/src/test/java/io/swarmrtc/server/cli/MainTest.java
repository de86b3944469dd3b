package io.swarmrtc.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.server.ServerConfig;
import io.swarmrtc.server.StunConfig;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {
    @TempDir
    Path dir;

    private static ServerConfig parse(Map<String, String> env, String... args) throws Exception {
        return Main.parse(args, env, new PrintWriter(new StringWriter()));
    }

    @Test
    void defaultsMatchTheDocumentation() throws Exception {
        ServerConfig c = parse(Map.of());
        assertEquals(8080, c.port());
        assertEquals("0.0.0.0", c.host());
        assertEquals(3478, c.stun().port());
        assertEquals(Duration.ofHours(24), c.stun().turnTtl());
        assertEquals(32, c.maxPeersPerRoom());
        assertEquals(65536, c.maxFrameBytes());
        assertEquals(50, c.ratePerSecond());
        assertEquals(200, c.rateBurst());
        assertEquals(Duration.ofSeconds(10), c.resumeGrace());
        assertEquals(Duration.ofSeconds(15), c.heartbeatInterval());
        assertEquals(Duration.ofSeconds(45), c.idleTimeout());
        assertTrue(c.turnSecretGenerated());
        assertEquals(43, c.stun().turnSecret().length(), "256 random bits, base64url");
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFileWhichBeatsDefaults() throws Exception {
        Path file = dir.resolve("swarmrtc.properties");
        Files.writeString(file, "port = 1111\nroom-max-peers = 5\nturn-realm = from-file\nresume-grace = 3s\n");
        ServerConfig c = parse(Map.of("SWARMRTC_PORT", "2222", "SWARMRTC_ROOM_MAX_PEERS", "6",
                "SWARMRTC_TURN_SECRET", "env-secret"), "--config", file.toString(), "--port", "3333");
        assertEquals(3333, c.port(), "flag over env and file");
        assertEquals(6, c.maxPeersPerRoom(), "env over file");
        assertEquals("from-file", c.stun().turnRealm(), "file over default");
        assertEquals(Duration.ofSeconds(3), c.resumeGrace());
        assertEquals("env-secret", c.stun().turnSecret());
        assertEquals(false, c.turnSecretGenerated());
        assertEquals(Duration.ofSeconds(45), c.idleTimeout(), "default when set nowhere");
    }

    @Test
    void theConfigFileMayComeFromTheEnvironment() throws Exception {
        Path file = dir.resolve("env.properties");
        Files.writeString(file, "require-join-token = true\njoin-secret = s\n");
        ServerConfig c = parse(Map.of("SWARMRTC_CONFIG", file.toString()), "--port=0");
        assertTrue(c.requireJoinToken());
        assertEquals("s", c.joinSecret());
        assertEquals(0, c.port());
    }

    @Test
    void durationsAcceptUnits() throws Exception {
        ServerConfig c = parse(Map.of(), "--heartbeat", "500ms", "--idle-timeout", "2m", "--turn-ttl", "1h",
                "--resume-grace", "0");
        assertEquals(Duration.ofMillis(500), c.heartbeatInterval());
        assertEquals(Duration.ofMinutes(2), c.idleTimeout());
        assertEquals(Duration.ofHours(1), c.stun().turnTtl());
        assertEquals(Duration.ZERO, c.resumeGrace());
    }

    @Test
    void theEmbeddedStunTurnServerIsOnWithSecureDefaults() throws Exception {
        StunConfig stun = parse(Map.of()).stun();
        assertTrue(stun.enabled());
        assertNull(stun.host(), "binds where HTTP binds");
        assertTrue(stun.udp() && stun.tcp());
        assertEquals(List.of(), stun.allowedPeers(), "no relaying to private or loopback peers");
        assertEquals(49152, stun.relayPortMin());
        assertEquals(65535, stun.relayPortMax());
        assertEquals(10_000, stun.maxAllocations());
        assertEquals(10, stun.maxAllocationsPerUser());
        assertEquals(16L * 1024 * 1024, stun.userBytesPerSecond());
        assertEquals(List.of(), stun.iceUrls());
    }

    @Test
    void everyStunTurnOptionReachesTheConfig() throws Exception {
        StunConfig stun = parse(Map.of("SWARMRTC_TURN_ALLOW_PEERS", "10.0.0.0/8, 192.168.1.0/24"),
                "--stun-host", "127.0.0.1", "--stun-port", "0", "--stun-transports", "udp",
                "--relay-address", "127.0.0.2", "--relay-range", "50000-50999", "--turn-max-allocations", "7",
                "--turn-user-allocations", "2", "--turn-user-bandwidth", "0",
                "--ice-urls", "stun:stun.example.org,turn:turn.example.org:3478").stun();
        assertEquals("127.0.0.1", stun.host());
        assertEquals(0, stun.port());
        assertTrue(stun.udp() && !stun.tcp());
        assertEquals("127.0.0.2", stun.relayAddress());
        assertEquals(50000, stun.relayPortMin());
        assertEquals(50999, stun.relayPortMax());
        assertEquals(List.of("10.0.0.0/8", "192.168.1.0/24"), stun.allowedPeers());
        assertEquals(7, stun.maxAllocations());
        assertEquals(2, stun.maxAllocationsPerUser());
        assertEquals(0, stun.userBytesPerSecond());
        assertEquals(List.of("stun:stun.example.org", "turn:turn.example.org:3478"), stun.iceUrls());
    }

    @ParameterizedTest(name = "{0} disables the embedded STUN/TURN server")
    @ValueSource(strings = {"--no-stun", "--stun-enabled=false", "env SWARMRTC_STUN_ENABLED=false"})
    void theEmbeddedServerCanBeDisabled(String how) throws Exception {
        ServerConfig c = how.startsWith("env ")
                ? parse(Map.of("SWARMRTC_STUN_ENABLED", "false"))
                : parse(Map.of(), how);
        assertFalse(c.stun().enabled());
    }

    @ParameterizedTest(name = "{0} {1} is refused")
    @CsvSource({
        "--relay-range, 50000",
        "--relay-range, 6000-5000",
        "--relay-range, 1-99999",
        "--turn-allow-peers, 10.0.0.0/33",
        "--stun-transports, sctp",
        "--ice-urls, http://example.org",
        "--stun-port, 70000",
        "--turn-max-allocations, 0",
        "--stun-host, stun.example.org",
        "--relay-address, relay.example.org",
        "--relay-address, ::1",
    })
    void badStunTurnValuesAreRefused(String option, String value) {
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), option, value));
    }

    @Test
    void requiringJoinTokensWithoutASecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--require-join-token"));
    }

    @Test
    void unknownFlagsAreRefused() {
        assertThrows(CommandLine.ParameterException.class, () -> parse(Map.of(), "--prot", "80"));
    }

    @Test
    void helpDocumentsEveryOptionWithItsEnvironmentRule() throws Exception {
        StringWriter out = new StringWriter();
        assertNull(Main.parse(new String[] {"--help"}, Map.of(), new PrintWriter(out, true)));
        String help = out.toString();
        for (String option : new String[] {"--config", "--port", "--host", "--public-host", "--stun-port",
                "--stun-enabled", "--no-stun", "--stun-host", "--stun-transports", "--relay-address", "--relay-range",
                "--turn-allow-peers", "--turn-max-allocations", "--turn-user-allocations", "--turn-user-bandwidth",
                "--ice-urls",
                "--turn-secret", "--turn-ttl", "--turn-realm", "--room-max-peers", "--max-frame-bytes", "--rate-limit",
                "--rate-burst", "--max-errors", "--resume-grace", "--heartbeat", "--idle-timeout", "--join-secret",
                "--require-join-token"}) {
            assertTrue(help.contains(option), option + " in --help");
        }
        assertTrue(help.contains("SWARMRTC_SOME_NAME"));
    }
}
