package io.swarmrtc.server;

import io.javalin.Javalin;
import io.swarmrtc.server.http.HttpRoutes;
import io.swarmrtc.server.metrics.ServerMetrics;
import io.swarmrtc.server.rooms.RandomIds;
import io.swarmrtc.server.rooms.RoomRegistry;
import io.swarmrtc.server.rooms.RoomRules;
import io.swarmrtc.server.ws.SignalConnection;
import io.swarmrtc.server.ws.SignalingHub;
import io.swarmrtc.server.ws.SignalingServlet;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running swarmrtc server: signaling at {@code /ws}, {@code /api/ice-servers}, {@code /health},
 * {@code /metrics} and the web app at {@code /}.
 *
 * <pre>{@code
 * try (SwarmrtcServer server = SwarmrtcServer.start(ServerConfig.builder().host("127.0.0.1").port(0).build())) {
 *     URI ws = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
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

    private SwarmrtcServer(ServerConfig config, Javalin javalin, ScheduledExecutorService timers, SignalingHub hub) {
        this.config = config;
        this.javalin = javalin;
        this.timers = timers;
        this.hub = hub;
    }

    /** Starts a server; throws if the port cannot be bound. */
    public static SwarmrtcServer start(ServerConfig config) {
        RoomRegistry<SignalConnection> rooms = new RoomRegistry<>(
                new RoomRules(config.maxPeersPerRoom(), config.resumeGrace(), MAX_PENDING_PER_PEER),
                config.clock(), new RandomIds(config.random()));
        SignalingHub[] hubRef = new SignalingHub[1];
        ServerMetrics metrics = new ServerMetrics(() -> hubRef[0] == null ? 0 : hubRef[0].openConnections(),
                rooms::peerCount, rooms::connectedPeerCount, rooms::roomCount);
        SignalingHub hub = new SignalingHub(config, rooms, metrics);
        hubRef[0] = hub;
        HttpRoutes routes = new HttpRoutes(config, rooms, metrics);

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
        long heartbeat = config.heartbeatInterval().toMillis();
        timers.scheduleAtFixedRate(hub::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        if (!config.resumeGrace().isZero()) {
            long sweep = Math.max(20, Math.min(1000, config.resumeGrace().toMillis() / 4));
            timers.scheduleAtFixedRate(hub::expireGracePeriods, sweep, sweep, TimeUnit.MILLISECONDS);
        }
        SwarmrtcServer server = new SwarmrtcServer(config, javalin, timers, hub);
        LOG.info("swarmrtc server listening on http://{}:{} (signaling at /ws, web app {})", config.host(),
                server.port(), HttpRoutes.webAppBundled() ? "bundled" : "not bundled");
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

    /** Stops listening and closes every socket. Idempotent. */
    @Override
    public void close() {
        timers.shutdownNow();
        javalin.stop();
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
