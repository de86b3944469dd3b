package io.swarmrtc.server.ws;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Jetty's view of one signaling socket (public because Jetty invokes it reflectively); everything goes to {@link SignalingHub}. */
public final class SignalingEndpoint implements Session.Listener.AutoDemanding {
    private static final Logger LOG = LoggerFactory.getLogger(SignalingEndpoint.class);
    private final SignalingHub hub;
    private SignalConnection connection;

    SignalingEndpoint(SignalingHub hub) {
        this.hub = hub;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        connection = hub.open(session);
    }

    @Override
    public void onWebSocketText(String message) {
        hub.onText(connection, message);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        try {
            hub.onBinary(connection);
        } finally {
            callback.succeed();
        }
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        hub.onPong(connection);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        try {
            if (connection != null) {
                hub.onClose(connection, statusCode);
            }
        } finally {
            callback.succeed();
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("signaling socket error: {}", cause.toString());
    }
}
