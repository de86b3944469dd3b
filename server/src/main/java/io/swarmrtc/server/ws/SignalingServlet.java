package io.swarmrtc.server.ws;

import java.time.Duration;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;

/**
 * The {@code /ws} endpoint, mounted next to Javalin's servlet. We use Jetty's listener API rather
 * than Javalin's {@code ws()} handlers because the heartbeat must see pong frames, which Javalin's
 * WsContext does not expose.
 */
public final class SignalingServlet extends JettyWebSocketServlet {
    private static final long serialVersionUID = 1L;
    /** Frames queued for a peer that stopped reading before its socket is dropped. */
    private static final int MAX_OUTGOING_FRAMES = 1024;
    private final transient SignalingHub hub;
    private final int maxFrameBytes;
    private final Duration jettyIdleTimeout;

    public SignalingServlet(SignalingHub hub, int maxFrameBytes, Duration idleTimeout, Duration heartbeat) {
        this.hub = hub;
        this.maxFrameBytes = maxFrameBytes;
        // Jetty's own idle timeout is only a backstop: the hub closes silent sockets first.
        this.jettyIdleTimeout = idleTimeout.plus(heartbeat).plus(heartbeat);
    }

    @Override
    protected void configure(JettyWebSocketServletFactory factory) {
        // Jetty enforces twice our limit (close 1009, no JSON); up to that the hub answers
        // FRAME_TOO_LARGE itself so the client learns why.
        long hardLimit = 2L * maxFrameBytes;
        factory.setMaxTextMessageSize(hardLimit);
        factory.setMaxFrameSize(hardLimit);
        factory.setMaxBinaryMessageSize(maxFrameBytes);
        factory.setIdleTimeout(jettyIdleTimeout);
        factory.setMaxOutgoingFrames(MAX_OUTGOING_FRAMES);
        factory.setCreator((request, response) -> new SignalingEndpoint(hub));
    }
}
