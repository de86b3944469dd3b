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
        InetAddress bind = address(bindHost(config), "--stun-host");
        InetAddress relay = stun.relayAddress() != null
                ? address(stun.relayAddress(), "--relay-address")
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

    private static InetAddress address(String text, String option) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(option + ": unknown host " + text);
        }
    }
}
