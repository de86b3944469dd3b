package io.swarmrtc.server;

import io.javalin.Javalin;
import io.swarmrtc.server.http.HttpRoutes;
import io.swarmrtc.server.http.IceServer;
import io.swarmrtc.server.http.IceServers;
import io.swarmrtc.server.metrics.TurnMeters;
import io.swarmrtc.server.metrics.ServerMetrics;
import io.swarmrtc.server.rooms.RandomIds;
import io.swarmrtc.server.rooms.RoomRegistry;
import io.swarmrtc.server.rooms.RoomRules;
import io.swarmrtc.server.ws.SignalConnection;
import io.swarmrtc.server.ws.SignalingHub;
import io.swarmrtc.server.stun.EmbeddedStunTurn;
import io.swarmrtc.server.ws.SignalingServlet;
import io.swarmrtc.stunturn.StunTurnServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running swarmrtc server: signaling at {@code /ws}, {@code /api/ice-servers}, {@code /health},
 * {@code /metrics}, the web app at {@code /} and, unless disabled, the embedded STUN/TURN server
 * (UDP and TCP) sharing the TURN secret with {@code /api/ice-servers}.
 *
 * <pre>{@code
 * try (SwarmrtcServer server = SwarmrtcServer.start(ServerConfig.builder().host("127.0.0.1").port(0).stunPort(0).build())) {
 *     URI ws = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
 *     List<IceServer> ice = server.iceServers("127.0.0.1", "test-peer");   // the bound STUN/TURN ports
 * }
 * }</pre>
 */
public final class SwarmrtcServer implements AutoCloseable {
    /** Messages kept for a peer in its resume grace period. */
    static final int MAX_PENDING_PER_PEER = 64;
    private static final Logger LOG = LoggerFactory.getLogger(SwarmrtcServer.class);

    private final ServerConfig config;
    private final Javalin javalin;
    private final ScheduledExecutorService timers;
    private final SignalingHub hub;
    private final StunTurnServer stunTurn;
    private final IceServers iceServers;

    private SwarmrtcServer(ServerConfig config, Javalin javalin, ScheduledExecutorService timers, SignalingHub hub,
            StunTurnServer stunTurn, IceServers iceServers) {
        this.config = config;
        this.javalin = javalin;
        this.timers = timers;
        this.hub = hub;
        this.stunTurn = stunTurn;
        this.iceServers = iceServers;
    }

    /** Starts a server; throws if a port (HTTP, STUN/TURN UDP or TCP) cannot be bound. */
    public static SwarmrtcServer start(ServerConfig config) {
        // STUN/TURN first: its ports are what /api/ice-servers advertises, and a taken port fails fast.
        StunTurnServer stunTurn = config.stun().enabled() ? EmbeddedStunTurn.start(config) : null;
        try {
            return start(config, stunTurn);
        } catch (RuntimeException e) {
            if (stunTurn != null) {
                stunTurn.close();
            }
            throw e;
        }
    }

    private static SwarmrtcServer start(ServerConfig config, StunTurnServer stunTurn) {
        RoomRegistry<SignalConnection> rooms = new RoomRegistry<>(
                new RoomRules(config.maxPeersPerRoom(), config.resumeGrace(), MAX_PENDING_PER_PEER),
                config.clock(), new RandomIds(config.random()));
        SignalingHub[] hubRef = new SignalingHub[1];
        ServerMetrics metrics = new ServerMetrics(() -> hubRef[0] == null ? 0 : hubRef[0].openConnections(),
                rooms::peerCount, rooms::connectedPeerCount, rooms::roomCount);
        SignalingHub hub = new SignalingHub(config, rooms, metrics);
        hubRef[0] = hub;
        IceServers iceServers = stunTurn == null
                ? new IceServers(config.stun(), IceServers.NOT_LISTENING, IceServers.NOT_LISTENING)
                : new IceServers(config.stun(), stunTurn.udpPort(), stunTurn.tcpPort());
        if (stunTurn != null) {
            metrics.bind(new TurnMeters(stunTurn.metrics()));
        }
        HttpRoutes routes = new HttpRoutes(config, rooms, metrics, iceServers);

        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "swarmrtc-timers");
            t.setDaemon(true);
            return t;
        });
        Javalin javalin;
        try {
            javalin = Javalin.create(javalinConfig -> {
                javalinConfig.startup.showJavalinBanner = false;
                javalinConfig.jetty.host = config.host();
                javalinConfig.jetty.port = config.port();
                javalinConfig.jetty.modifyServletContextHandler(handler -> handler.addServlet(
                        new ServletHolder(new SignalingServlet(hub, config.maxFrameBytes(),
                                config.idleTimeout(), config.heartbeatInterval())), "/ws"));
                routes.register(javalinConfig);
            }).start();
        } catch (RuntimeException e) {
            timers.shutdownNow();
            throw e;
        }
        long tick = hub.heartbeatTickInterval().toMillis();
        // Fixed delay, not fixed rate: after a stall (GC pause, starved CPU) a fixed-rate timer runs
        // every missed tick back to back, which is the burst of pings the wheel exists to avoid.
        timers.scheduleWithFixedDelay(hub::heartbeatTick, tick, tick, TimeUnit.MILLISECONDS);
        if (!config.resumeGrace().isZero()) {
            long sweep = Math.max(20, Math.min(1000, config.resumeGrace().toMillis() / 4));
            timers.scheduleAtFixedRate(hub::expireGracePeriods, sweep, sweep, TimeUnit.MILLISECONDS);
        }
        SwarmrtcServer server = new SwarmrtcServer(config, javalin, timers, hub, stunTurn, iceServers);
        LOG.info("swarmrtc server ready: http://{}:{}/ (web app {}), signaling ws://{}:{}/ws, {}", config.host(),
                server.port(), HttpRoutes.webAppBundled() ? "bundled" : "not bundled", config.host(), server.port(),
                server.stunTurnSummary());
        if (config.turnSecretGenerated()) {
            LOG.info("no TURN secret configured: generated a random one for this run "
                    + "(set --turn-secret / SWARMRTC_TURN_SECRET to share it with a TURN server)");
        }
        return server;
    }

    /** The bound HTTP/WebSocket port (the chosen one when configured with port 0). */
    public int port() {
        return javalin.port();
    }

    public ServerConfig config() {
        return config;
    }

    /** The embedded STUN/TURN server's bound UDP port, or -1 when it is disabled or UDP is off. */
    public int stunUdpPort() {
        return stunTurn == null ? IceServers.NOT_LISTENING : stunTurn.udpPort();
    }

    /** The embedded STUN/TURN server's bound TCP port, or -1 when it is disabled or TCP is off. */
    public int stunTcpPort() {
        return stunTurn == null ? IceServers.NOT_LISTENING : stunTurn.tcpPort();
    }

    /**
     * What {@code /api/ice-servers} would answer a request for {@code host}: for tests and embedders
     * that build peer connections directly (the URLs carry the bound ports, even for port 0).
     */
    public List<IceServer> iceServers(String host, String peerId) {
        return iceServers.list(host, peerId, config.clock().instant());
    }

    private String stunTurnSummary() {
        if (stunTurn == null) {
            return config.stun().iceUrls().isEmpty() ? "embedded STUN/TURN disabled, no ICE servers advertised"
                    : "embedded STUN/TURN disabled, advertising " + config.stun().iceUrls();
        }
        String bind = stunTurn.config().bindAddress().getHostAddress();
        return "STUN/TURN" + (stunTurn.udpPort() < 0 ? "" : " udp " + bind + ":" + stunTurn.udpPort())
                + (stunTurn.tcpPort() < 0 ? "" : " tcp " + bind + ":" + stunTurn.tcpPort())
                + " (relays on " + stunTurn.config().relayAddress().getHostAddress() + " ports "
                + (config.stun().relayPortMin() == 0 ? "chosen by the OS"
                        : config.stun().relayPortMin() + "-" + config.stun().relayPortMax())
                + (config.stun().allowedPeers().isEmpty() ? ", no relaying to private/loopback peers)"
                        : ", relaying also to " + config.stun().allowedPeers() + ")");
    }

    /** Stops listening and closes every socket, STUN/TURN and relays included. Idempotent. */
    @Override
    public void close() {
        timers.shutdownNow();
        javalin.stop();
        if (stunTurn != null) {
            stunTurn.close();
        }
        try {
            timers.awaitTermination(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int openConnections() {
        return hub.openConnections();
    }
}
