package io.swarmrtc.server.ws;

import io.swarmrtc.server.limits.TokenBucket;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** One signaling WebSocket: its Jetty session, rate limiter, error count and liveness. */
public final class SignalConnection {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private final Session session;
    private final TokenBucket rateLimit;
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicBoolean evicted = new AtomicBoolean();
    private final Callback onSendResult;
    private volatile long lastHeardMillis;

    SignalConnection(Session session, TokenBucket rateLimit, long nowMillis) {
        this.session = session;
        this.rateLimit = rateLimit;
        this.lastHeardMillis = nowMillis;
        // A failed send (closed socket, or a peer that stopped reading and overflowed the outgoing
        // queue) drops the connection; its peer then gets the usual resume grace period.
        this.onSendResult = Callback.from(() -> { }, failure -> session.disconnect());
    }

    void send(String text) {
        if (session.isOpen()) {
            session.sendText(text, onSendResult);
        }
    }

    void ping() {
        if (session.isOpen()) {
            session.sendPing(EMPTY.duplicate(), onSendResult);
        }
    }

    /** Marks the connection as thrown out and closes it; false when that already happened. */
    boolean evict(int closeCode, String reason) {
        if (!evicted.compareAndSet(false, true)) {
            return false;
        }
        session.close(closeCode, reason, Callback.NOOP);
        return true;
    }

    boolean isEvicted() {
        return evicted.get();
    }

    /** Drops the TCP connection without a close handshake (dead or silent peer). */
    void disconnect() {
        session.disconnect();
    }

    boolean tryTakeToken() {
        return rateLimit.tryTake();
    }

    int countError() {
        return errors.incrementAndGet();
    }

    void heard(long nowMillis) {
        lastHeardMillis = nowMillis;
    }

    long lastHeardMillis() {
        return lastHeardMillis;
    }

    @Override
    public String toString() {
        return "SignalConnection[" + session.getRemoteSocketAddress() + "]";
    }
}
