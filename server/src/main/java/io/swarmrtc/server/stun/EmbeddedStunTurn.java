package io.swarmrtc.server.stun;

import io.swarmrtc.server.ServerConfig;
import io.swarmrtc.server.StunConfig;
import io.swarmrtc.stunturn.StunTurnConfig;
import io.swarmrtc.stunturn.StunTurnServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Starts the stun-turn module inside the server jar with the server's own TURN secret, realm and
 * Clock, so the REST credentials from {@code /api/ice-servers} are exactly those it accepts.
 */
public final class EmbeddedStunTurn {
    private EmbeddedStunTurn() {
    }

    /** Binds UDP and/or TCP (failing fast when a port is taken) and starts serving. */
    public static StunTurnServer start(ServerConfig config) {
        try {
            return StunTurnServer.start(toStunTurnConfig(config, RelayAddressChooser.interfaceAddresses()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind STUN/TURN on " + bindHost(config) + ":"
                    + config.stun().port() + ": " + e.getMessage(), e);
        }
    }

    /** The stun-turn configuration for {@code config}; {@code interfaces} feed the relay address choice. */
    public static StunTurnConfig toStunTurnConfig(ServerConfig config, java.util.List<InetAddress> interfaces) {
        StunConfig stun = config.stun();
        InetAddress bind = stun.host() != null ? literal(stun.host(), "--stun-host") : resolve(config.host());
        InetAddress relay = stun.relayAddress() != null
                ? literal(stun.relayAddress(), "--relay-address")
                : RelayAddressChooser.choose(bind, interfaces);
        StunTurnConfig.Builder b = StunTurnConfig.builder()
                .bindAddress(bind)
                .udpPort(stun.udp() ? stun.port() : StunTurnConfig.DISABLED)
                .tcpPort(stun.tcp() ? stun.port() : StunTurnConfig.DISABLED)
                .realm(stun.turnRealm())
                .sharedSecret(stun.turnSecret())
                .relayAddress(relay)
                .relayPorts(stun.relayPortMin(), stun.relayPortMax())
                .maxAllocations(stun.maxAllocations())
                .maxAllocationsPerUser(stun.maxAllocationsPerUser())
                .userBytesPerSecond(stun.userBytesPerSecond())
                .clock(config.clock())
                .random(config.random());
        stun.allowedPeers().forEach(b::allowPeers);
        return b.build();
    }

    private static String bindHost(ServerConfig config) {
        return config.stun().host() != null ? config.stun().host() : config.host();
    }

    /** An IP literal; never a DNS look-up (a bind or relay address must be one of ours). */
    private static InetAddress literal(String text, String option) {
        if (!text.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException(option + " must be an IP address: " + text);
        }
        return resolve(text);
    }

    /** The HTTP bind address reused for STUN/TURN: usually a literal, possibly a name like localhost. */
    private static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + host);
        }
    }
}
