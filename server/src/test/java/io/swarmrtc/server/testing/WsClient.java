package io.swarmrtc.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import io.swarmrtc.protocol.signal.ErrorCode;
import io.swarmrtc.protocol.signal.ErrorMessage;
import io.swarmrtc.protocol.signal.Join;
import io.swarmrtc.protocol.signal.Joined;
import io.swarmrtc.protocol.signal.PeerJoined;
import io.swarmrtc.protocol.signal.PeerLeft;
import io.swarmrtc.protocol.signal.Ping;
import io.swarmrtc.protocol.signal.Pong;
import io.swarmrtc.protocol.signal.SignalCodec;
import io.swarmrtc.protocol.signal.SignalException;
import io.swarmrtc.protocol.signal.SignalMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client (java.net.http) for tests: sends frames, queues received messages, and
 * waits on them with timeouts (never sleeps).
 */
public final class WsClient implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private WsClient(URI uri) throws Exception {
        socket = HTTP.newWebSocketBuilder().buildAsync(uri, new Listener()).get(5, TimeUnit.SECONDS);
    }

    public static WsClient connect(int port) throws Exception {
        return new WsClient(URI.create("ws://127.0.0.1:" + port + "/ws"));
    }

    /** Connects and joins {@code room}; returns the client with its joined message consumed. */
    public static WsClient joined(int port, String room) throws Exception {
        WsClient c = connect(port);
        c.join(Join.room(room));
        return c;
    }

    private Joined lastJoined;

    public Joined joinedMessage() {
        return lastJoined;
    }

    public String peerId() {
        return lastJoined.peerId();
    }

    public Joined join(Join join) throws Exception {
        send(join);
        lastJoined = expect(Joined.class);
        return lastJoined;
    }

    public void send(SignalMessage message) throws Exception {
        sendText(SignalCodec.encode(message));
    }

    public void sendText(String text) throws Exception {
        socket.sendText(text, true).get(5, TimeUnit.SECONDS);
    }

    public void sendBinary(byte[] data) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(data), true).get(5, TimeUnit.SECONDS);
    }

    /** The next message, decoded; fails after the timeout. */
    public SignalMessage next() throws Exception {
        String text = inbox.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (text == null) {
            fail("no message within " + TIMEOUT + (closed.isDone() ? " (socket closed " + closed.get() + ")" : ""));
        }
        try {
            return SignalCodec.decodeFromServer(text);
        } catch (SignalException e) {
            throw new AssertionError("server sent an invalid message: " + text, e);
        }
    }

    /** The next message, which must be a {@code type}. */
    public <T extends SignalMessage> T expect(Class<T> type) throws Exception {
        SignalMessage m = next();
        return assertInstanceOf(type, m, () -> "expected " + type.getSimpleName() + " but got " + SignalCodec.encode(m));
    }

    /** The next message that is not a peer-joined/peer-left, which must be a {@code type}. */
    public <T extends SignalMessage> T expectSkippingMembership(Class<T> type) throws Exception {
        SignalMessage m;
        do {
            m = next();
        } while (m instanceof PeerJoined || m instanceof PeerLeft);
        SignalMessage got = m;
        return assertInstanceOf(type, m, () -> "expected " + type.getSimpleName() + " but got " + SignalCodec.encode(got));
    }

    /** The next message, which must be an error with {@code code}. */
    public ErrorMessage expectError(ErrorCode code) throws Exception {
        ErrorMessage e = expect(ErrorMessage.class);
        assertEquals(code, e.code(), () -> "error message: " + e.message());
        return e;
    }

    /**
     * Proves nothing else was queued for this client: a ping's pong must be the very next message
     * (the server answers in order, so anything sent to us earlier would arrive first).
     */
    public void expectNothingPendingThenPong() throws Exception {
        send(new Ping());
        expect(Pong.class);
    }

    /** Waits for the server to close the socket; returns the close code. */
    public int awaitClose() throws Exception {
        return closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Closes cleanly (1000), like a client that goes away on purpose. */
    public void closeCleanly() throws Exception {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        awaitClose();
    }

    /** Drops the TCP connection without a close handshake, like a network failure. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                inbox.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
