package io.swarmrtc.server.cli;

import io.swarmrtc.server.ServerConfig;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Every command-line option. Each option {@code --some-name} can also be set by the environment
 * variable {@code SWARMRTC_SOME_NAME} and by the key {@code some-name} of the {@code --config}
 * properties file; precedence: flag > environment > file > default.
 */
@Command(name = "swarmrtc-server", mixinStandardHelpOptions = true, version = "swarmrtc-server 0.1.0",
        sortOptions = false, usageHelpWidth = 110,
        description = "swarmrtc signaling server: rooms over WebSocket at /ws, ICE servers at /api/ice-servers,"
                + " /health, /metrics and the web app at /.",
        footer = {"", "Every option --some-name may also come from the environment (SWARMRTC_SOME_NAME) or from the",
                "--config properties file (key some-name). Precedence: flag > environment > file > default.",
                "Durations: 500ms, 10s, 2m, 24h (a bare number is seconds). Prefer the environment or the",
                "config file for secrets: flags are visible in the process list."})
final class ServerOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with more options (key = option name without --).")
    String configFile;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", description = "HTTP/WebSocket port; 0 picks a free one (logged). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = "0.0.0.0", paramLabel = "ADDRESS", description = "Bind address. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--public-host", paramLabel = "NAME",
            description = "Host name put in STUN/TURN URLs (set it behind NAT or a proxy). Default: the host of the request's Host header.")
    String publicHost;

    @Option(names = "--advertise-ice-servers", defaultValue = "true", fallbackValue = "true", arity = "0..1", paramLabel = "BOOL",
            description = "Hand out the STUN/TURN URLs at /api/ice-servers; false: an empty list (host candidates only,"
                    + " for a LAN or tests without a reachable STUN/TURN server). Default: ${DEFAULT-VALUE}.")
    boolean advertiseIceServers;

    @Option(names = "--stun-port", defaultValue = "3478", paramLabel = "PORT", description = "STUN/TURN port (UDP and TCP). Default: ${DEFAULT-VALUE}.")
    int stunPort;

    @Option(names = "--turn-secret", paramLabel = "SECRET",
            description = "Shared secret of the TURN REST credentials. Default: random per start.")
    String turnSecret;

    @Option(names = "--turn-ttl", defaultValue = "24h", paramLabel = "DURATION",
            description = "Lifetime of issued TURN credentials. Default: ${DEFAULT-VALUE}.")
    String turnTtl;

    @Option(names = "--turn-realm", defaultValue = "swarmrtc", paramLabel = "REALM", description = "TURN realm. Default: ${DEFAULT-VALUE}.")
    String turnRealm;

    @Option(names = "--room-max-peers", defaultValue = "32", paramLabel = "N", description = "Peers per room. Default: ${DEFAULT-VALUE}.")
    int roomMaxPeers;

    @Option(names = "--max-frame-bytes", defaultValue = "65536", paramLabel = "BYTES",
            description = "Largest signaling frame; bigger ones get FRAME_TOO_LARGE and the socket closes. Default: ${DEFAULT-VALUE}.")
    int maxFrameBytes;

    @Option(names = "--rate-limit", defaultValue = "50", paramLabel = "PER_SECOND",
            description = "Sustained messages per second per connection. Default: ${DEFAULT-VALUE}.")
    double rateLimit;

    @Option(names = "--rate-burst", defaultValue = "200", paramLabel = "N", description = "Burst size of the rate limit. Default: ${DEFAULT-VALUE}.")
    int rateBurst;

    @Option(names = "--max-errors", defaultValue = "100", paramLabel = "N",
            description = "Errors on one connection before it is closed (TOO_MANY_ERRORS). Default: ${DEFAULT-VALUE}.")
    int maxErrors;

    @Option(names = "--resume-grace", defaultValue = "10s", paramLabel = "DURATION",
            description = "How long a dropped peer keeps its id and place for a resume. Default: ${DEFAULT-VALUE}.")
    String resumeGrace;

    @Option(names = "--heartbeat", defaultValue = "15s", paramLabel = "DURATION",
            description = "Interval of WebSocket pings. Default: ${DEFAULT-VALUE}.")
    String heartbeat;

    @Option(names = "--idle-timeout", defaultValue = "45s", paramLabel = "DURATION",
            description = "Close a socket that sent nothing (no frame, no pong) for this long. Default: ${DEFAULT-VALUE}.")
    String idleTimeout;

    @Option(names = "--join-secret", paramLabel = "SECRET",
            description = "HMAC-SHA256 secret of signed join tokens (docs/signaling.md). Default: none.")
    String joinSecret;

    @Option(names = "--require-join-token", defaultValue = "false", fallbackValue = "true", arity = "0..1", paramLabel = "BOOL",
            description = "Refuse joins without a valid join token (needs --join-secret). Default: ${DEFAULT-VALUE}.")
    boolean requireJoinToken;

    ServerConfig toConfig() {
        return ServerConfig.builder()
                .host(host).port(port).publicHost(publicHost).advertiseIceServers(advertiseIceServers)
                .stunPort(stunPort).turnSecret(turnSecret).turnTtl(duration(turnTtl)).turnRealm(turnRealm)
                .maxPeersPerRoom(roomMaxPeers).maxFrameBytes(maxFrameBytes)
                .rateLimit(rateLimit, rateBurst).maxErrorsPerConnection(maxErrors)
                .resumeGrace(duration(resumeGrace)).heartbeat(duration(heartbeat), duration(idleTimeout))
                .joinSecret(joinSecret).requireJoinToken(requireJoinToken)
                .build();
    }

    private static Duration duration(String text) {
        return Durations.parse(text);
    }
}
