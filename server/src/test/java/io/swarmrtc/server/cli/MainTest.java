package io.swarmrtc.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmrtc.server.ServerConfig;
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
                "--turn-secret", "--turn-ttl", "--turn-realm", "--room-max-peers", "--max-frame-bytes", "--rate-limit",
                "--rate-burst", "--max-errors", "--resume-grace", "--heartbeat", "--idle-timeout", "--join-secret",
                "--require-join-token"}) {
            assertTrue(help.contains(option), option + " in --help");
        }
        assertTrue(help.contains("SWARMRTC_SOME_NAME"));
    }
}
