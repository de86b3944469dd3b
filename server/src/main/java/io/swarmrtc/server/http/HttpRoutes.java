package io.swarmrtc.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.swarmrtc.server.ServerConfig;
import io.swarmrtc.server.metrics.ServerMetrics;
import io.swarmrtc.server.rooms.RandomIds;
import io.swarmrtc.server.rooms.RoomRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/** The HTTP side: /health, /metrics, /api/ice-servers and the bundled web app at /. */
public final class HttpRoutes {
    /** Classpath folder the client-js module puts the web app in. */
    public static final String WEB_APP_FOLDER = "swarmrtc-web";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PEER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String NOT_BUNDLED_PAGE = "<!doctype html><html><head><meta charset=\"utf-8\">"
            + "<title>swarmrtc</title></head><body><h1>swarmrtc signaling server</h1>"
            + "<p>The web app is not bundled in this build (no classpath folder <code>swarmrtc-web</code>). "
            + "Signaling is at <code>/ws</code>, ICE servers at <code>/api/ice-servers</code>, "
            + "status at <code>/health</code>.</p></body></html>";

    private final ServerConfig config;
    private final RoomRegistry<?> rooms;
    private final ServerMetrics metrics;
    private final IceServers iceServers;
    private final RandomIds randomIds;
    private final Instant startedAt;

    public HttpRoutes(ServerConfig config, RoomRegistry<?> rooms, ServerMetrics metrics) {
        this.config = config;
        this.rooms = rooms;
        this.metrics = metrics;
        this.iceServers = new IceServers(config.stun());
        this.randomIds = new RandomIds(config.random());
        this.startedAt = config.clock().instant();
    }

    public void register(JavalinConfig javalin) {
        javalin.routes.get("/health", this::health);
        javalin.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape()));
        javalin.routes.get("/api/ice-servers", this::iceServers);
        if (webAppBundled()) {
            javalin.staticFiles.add("/" + WEB_APP_FOLDER, Location.CLASSPATH);
        } else {
            javalin.routes.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").result(NOT_BUNDLED_PAGE));
        }
    }

    /** True when a web app (its index.html) is on the classpath. */
    public static boolean webAppBundled() {
        return HttpRoutes.class.getClassLoader().getResource(WEB_APP_FOLDER + "/index.html") != null;
    }

    private void health(Context ctx) {
        Clock clock = config.clock();
        var body = JSON.createObjectNode()
                .put("status", "ok")
                .put("uptimeSeconds", Duration.between(startedAt, clock.instant()).getSeconds())
                .put("peers", rooms.peerCount())
                .put("connectedPeers", rooms.connectedPeerCount())
                .put("rooms", rooms.roomCount())
                .put("webApp", webAppBundled());
        ctx.contentType("application/json").result(body.toString());
    }

    private void iceServers(Context ctx) {
        String peer = ctx.queryParam("peer");
        if (peer == null || peer.isEmpty()) {
            peer = randomIds.get();
        } else if (!PEER_ID.matcher(peer).matches()) {
            ctx.status(400).contentType("application/json").result(JSON.createObjectNode()
                    .put("error", "BAD_FIELD").put("message", "peer must be 1-64 characters of [A-Za-z0-9_-]")
                    .toString());
            return;
        }
        String host = IceServers.advertisedHost(config.publicHost(), ctx.header("Host"));
        ctx.header("Cache-Control", "no-store")
                .contentType("application/json")
                .result(config.advertiseIceServers() ? iceServers.json(host, peer, config.clock().instant()) : IceServers.NONE);
    }
}
