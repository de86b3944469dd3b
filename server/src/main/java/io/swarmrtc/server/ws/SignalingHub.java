package io.swarmrtc.server.ws;

import io.swarmrtc.protocol.signal.ErrorCode;
import io.swarmrtc.protocol.signal.ErrorMessage;
import io.swarmrtc.protocol.signal.Join;
import io.swarmrtc.protocol.signal.Leave;
import io.swarmrtc.protocol.signal.Ping;
import io.swarmrtc.protocol.signal.Pong;
import io.swarmrtc.protocol.signal.RelayMessage;
import io.swarmrtc.protocol.signal.SignalCodec;
import io.swarmrtc.protocol.signal.SignalException;
import io.swarmrtc.protocol.signal.SignalMessage;
import io.swarmrtc.server.ServerConfig;
import io.swarmrtc.server.auth.JoinTokens;
import io.swarmrtc.server.limits.TokenBucket;
import io.swarmrtc.server.metrics.ServerMetrics;
import io.swarmrtc.server.rooms.Delivery;
import io.swarmrtc.server.rooms.Outcome;
import io.swarmrtc.server.rooms.RoomRegistry;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signaling adapter: frame -> checks (size, rate) -> protocol record -> {@link RoomRegistry}
 * -> frames. Owns the error policy: every error is counted, fatal codes and the error limit close
 * the socket, and an unexpected exception becomes INTERNAL for that message only.
 */
public final class SignalingHub {
    /** WebSocket close code after a fatal error (docs/signaling.md). */
    public static final int CLOSE_FATAL = 4000;
    private static final Logger LOG = LoggerFactory.getLogger(SignalingHub.class);

    private final ServerConfig config;
    private final RoomRegistry<SignalConnection> rooms;
    private final ServerMetrics metrics;
    private final JoinTokens joinTokens;
    /** Every open connection, each in the heartbeat slot it is pinged from. */
    private final HeartbeatWheel<SignalConnection> connections;

    public SignalingHub(ServerConfig config, RoomRegistry<SignalConnection> rooms, ServerMetrics metrics) {
        this.config = config;
        this.rooms = rooms;
        this.metrics = metrics;
        this.joinTokens = config.joinSecret() == null ? null : new JoinTokens(config.joinSecret());
        this.connections = new HeartbeatWheel<>(HeartbeatWheel.slotsFor(config.heartbeatInterval()));
    }

    SignalConnection open(Session session) {
        SignalConnection c = new SignalConnection(session,
                new TokenBucket(config.ratePerSecond(), config.rateBurst(), config.clock()), now());
        connections.add(c);
        return c;
    }

    void onText(SignalConnection c, String text) {
        try {
            c.heard(now());
            if (c.isEvicted()) {
                return;
            }
            if (exceedsFrameLimit(text)) {
                error(c, ErrorCode.FRAME_TOO_LARGE, "frame over " + config.maxFrameBytes() + " bytes");
                return;
            }
            if (!c.tryTakeToken()) {
                error(c, ErrorCode.RATE_LIMITED, "over " + config.ratePerSecond() + " messages/s; message dropped");
                return;
            }
            SignalMessage message;
            try {
                message = SignalCodec.decodeFromClient(text);
            } catch (SignalException e) {
                error(c, e.code(), e.getMessage());
                return;
            }
            dispatch(c, message);
        } catch (RuntimeException e) {
            LOG.error("bug while handling a signaling message from {}", c, e);
            error(c, ErrorCode.INTERNAL, "internal server error; message dropped");
        }
    }

    void onBinary(SignalConnection c) {
        c.heard(now());
        if (!c.isEvicted()) {
            error(c, ErrorCode.BAD_FRAME, "binary frames are not part of the protocol; send JSON text");
        }
    }

    void onPong(SignalConnection c) {
        c.heard(now());
    }

    /**
     * The socket closed. A clean close by the client (1000/1001), an eviction, or Jetty closing it for
     * a protocol violation (1002 protocol error, 1007 invalid UTF-8, 1009 too big) is a leave;
     * anything else (a dropped TCP connection, an idle timeout) starts the resume grace period.
     */
    void onClose(SignalConnection c, int statusCode) {
        if (!connections.remove(c)) {
            return;
        }
        try {
            boolean deliberate = c.isEvicted() || statusCode == 1000 || statusCode == 1001
                    || statusCode == 1002 || statusCode == 1007 || statusCode == 1009;
            Outcome<SignalConnection> outcome = deliberate ? rooms.leave(c) : rooms.disconnected(c);
            if (!outcome.isError()) {
                carryOut(c, outcome);
            }
        } catch (RuntimeException e) {
            LOG.error("bug while closing {}", c, e);
        }
    }

    /**
     * How often to call {@link #heartbeatTick()}: each tick visits one slot of the sockets, so every
     * socket is pinged once per heartbeat interval, and the pings of many sockets are spread evenly
     * over the interval instead of leaving all at once.
     */
    public Duration heartbeatTickInterval() {
        return Duration.ofMillis(HeartbeatWheel.tickMillis(config.heartbeatInterval(), connections.slotCount()));
    }

    /** Pings the sockets of the next heartbeat slot and drops those silent for longer than the idle timeout. */
    public void heartbeatTick() {
        long now = now();
        long idleMillis = config.idleTimeout().toMillis();
        for (SignalConnection c : connections.nextSlot()) {
            try {
                if (now - c.lastHeardMillis() > idleMillis) {
                    LOG.debug("dropping idle connection {}", c);
                    c.disconnect();
                } else {
                    c.ping();
                }
            } catch (RuntimeException e) {
                LOG.warn("heartbeat failed for {}", c, e);
            }
        }
    }

    /** Ends expired resume grace periods (the rooms get peer-left). */
    public void expireGracePeriods() {
        try {
            carryOut(null, rooms.expireGracePeriods());
        } catch (RuntimeException e) {
            LOG.error("bug while expiring grace periods", e);
        }
    }

    public int openConnections() {
        return connections.size();
    }

    private void dispatch(SignalConnection c, SignalMessage message) {
        if (message instanceof Ping) {
            c.send(SignalCodec.encode(new Pong()));
        } else if (message instanceof Join join) {
            Optional<String> tokenProblem = checkJoinToken(join);
            if (tokenProblem.isPresent()) {
                error(c, ErrorCode.BAD_TOKEN, tokenProblem.get());
                return;
            }
            carryOut(c, rooms.join(c, join));
        } else if (message instanceof RelayMessage relay) {
            Outcome<SignalConnection> outcome = rooms.relay(c, relay);
            carryOut(c, outcome);
            if (!outcome.isError()) {
                metrics.relayed();
            }
        } else if (message instanceof Leave) {
            carryOut(c, rooms.leave(c));
        } else {
            throw new IllegalStateException("decodeFromClient returned a server message: " + message.type());
        }
    }

    /** Empty when the join may proceed; a resume skips the check (the peer was admitted before). */
    private Optional<String> checkJoinToken(Join join) {
        if (join.resumeToken() != null) {
            return Optional.empty();
        }
        if (join.token() == null) {
            return config.requireJoinToken() ? Optional.of("this server requires a join token") : Optional.empty();
        }
        if (joinTokens == null) {
            return Optional.empty();   // no join secret configured: tokens are not checked
        }
        return joinTokens.check(join.token(), join.room(), config.clock().instant());
    }

    private void carryOut(SignalConnection requester, Outcome<SignalConnection> outcome) {
        for (SignalConnection old : outcome.superseded()) {
            old.evict(CLOSE_FATAL, "superseded by a resumed connection");
        }
        for (Delivery<SignalConnection> d : outcome.deliveries()) {
            d.to().send(SignalCodec.encode(d.message()));
        }
        if (outcome.isError() && requester != null) {
            error(requester, outcome.error(), outcome.errorMessage());
        }
    }

    private void error(SignalConnection c, ErrorCode code, String message) {
        metrics.error(code);
        c.send(SignalCodec.encode(ErrorMessage.of(code, message)));
        if (code.fatal()) {
            c.evict(CLOSE_FATAL, code.name());
        } else if (c.countError() >= config.maxErrorsPerConnection()) {
            metrics.error(ErrorCode.TOO_MANY_ERRORS);
            c.send(SignalCodec.encode(ErrorMessage.of(ErrorCode.TOO_MANY_ERRORS,
                    config.maxErrorsPerConnection() + " errors on this connection; closing it")));
            c.evict(CLOSE_FATAL, ErrorCode.TOO_MANY_ERRORS.name());
        }
    }

    private boolean exceedsFrameLimit(String text) {
        int limit = config.maxFrameBytes();
        if (text.length() > limit) {
            return true;              // each char is at least one UTF-8 byte
        }
        if ((long) text.length() * 3 <= limit) {
            return false;             // each char is at most three UTF-8 bytes
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            bytes += ch < 0x80 ? 1 : ch < 0x800 ? 2 : Character.isSurrogate(ch) ? 2 : 3;
        }
        return bytes > limit;
    }

    private long now() {
        return config.clock().millis();
    }
}
