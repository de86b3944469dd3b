package io.swarmrtc.peer.internal.signaling;

import io.swarmrtc.peer.internal.rtc.IceCandidate;
import io.swarmrtc.peer.internal.util.Causes;
import io.swarmrtc.peer.internal.util.DaemonThreads;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of docs/signaling.md on {@link java.net.http.WebSocket}: joins one room, relays offers,
 * answers and candidates to named peers, keeps the socket alive with {@code ping}, and reconnects
 * with exponential backoff and jitter, resuming its peer id with the resume token when it can.
 *
 * <pre>{@code
 * SignalingClient client = new SignalingClient(SignalingConfig.builder(uri, "team-42").build(),
 *     new JsonSignalCodec(), listener);
 * SignalMessage.Joined joined = client.connect().get(10, SECONDS);
 * client.sendOffer(joined.peers().get(0), sdp);
 * client.close();
 * }</pre>
 *
 * <p>All state lives on one daemon thread, which also delivers listener events in order. Messages
 * sent while reconnecting are held (up to {@value #MAX_HELD}) and sent after a resumed join, or
 * dropped if the server gave this peer a new id.
 */
public final class SignalingClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SignalingClient.class);
  private static final int MAX_HELD = 256;
  private static final int MAX_FRAME_CHARS = 1 << 20;

  private final SignalingConfig config;
  private final SignalCodec codec;
  private final SignalingListener listener;
  private final ScheduledExecutorService exec;
  private final HttpClient http;
  private final CompletableFuture<SignalMessage.Joined> firstJoin = new CompletableFuture<>();
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();

  // Only touched on `exec`:
  private WebSocket socket;
  private int generation;
  private boolean joined;
  private boolean started;
  private boolean closed;
  private volatile String peerId;
  private String resumeToken;
  private int failedAttempts;
  private long lastHeardMillis;
  private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);
  private final ArrayDeque<SignalMessage> held = new ArrayDeque<>();
  private ScheduledFuture<?> heartbeat;

  public SignalingClient(SignalingConfig config, SignalCodec codec, SignalingListener listener) {
    this.config = config;
    this.codec = codec;
    this.listener = listener;
    this.exec = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("signaling"));
    this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
  }

  /**
   * Opens the socket and joins. The future completes with the first {@code joined}, or fails with
   * a {@link SignalingException} whose code says why (e.g. {@code BAD_PASSWORD}, {@code ROOM_FULL},
   * {@code CONNECTION_FAILED} after the reconnect attempts ran out). Calling it again returns the
   * same future.
   */
  public CompletableFuture<SignalMessage.Joined> connect() {
    run(() -> {
      if (!started && !closed) {
        started = true;
        heartbeat = exec.scheduleAtFixedRate(this::heartbeat, config.pingInterval().toMillis(),
            config.pingInterval().toMillis(), TimeUnit.MILLISECONDS);
        openSocket();
      }
    });
    return firstJoin;
  }

  /** This peer's id in the room, or null before the first join. */
  public String peerId() {
    return peerId;
  }

  public void sendOffer(String to, String sdp) {
    send(new SignalMessage.Offer(to, sdp));
  }

  public void sendAnswer(String to, String sdp) {
    send(new SignalMessage.Answer(to, sdp));
  }

  public void sendCandidate(String to, IceCandidate candidate) {
    send(new SignalMessage.Candidate(to, candidate));
  }

  /**
   * Leaves the room and closes the socket. Idempotent; waits briefly for the {@code leave} to be
   * written unless called from a listener callback.
   */
  @Override
  public void close() {
    run(this::shutdown);
    if (!Thread.currentThread().getName().startsWith("signaling")) {
      try {
        terminated.get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.debug("leave not confirmed before close", e);
      }
    }
  }

  // ---- everything below runs on `exec` ----

  private void send(SignalMessage m) {
    run(() -> {
      if (closed) {
        return;
      }
      if (joined) {
        write(m);
      } else if (held.size() < MAX_HELD) {
        held.add(m);
      } else {
        LOG.warn("signaling: dropping {} while reconnecting (queue full)", m.getClass().getSimpleName());
      }
    });
  }

  private void openSocket() {
    int gen = ++generation;
    joined = false;
    sendChain = CompletableFuture.completedFuture(null);
    http.newWebSocketBuilder()
        .connectTimeout(config.connectTimeout())
        .buildAsync(config.uri(), socketEvents(gen))
        .whenComplete((ws, error) -> run(() -> {
          if (gen != generation || closed) {
            if (ws != null) {
              ws.abort();
            }
            return;
          }
          if (error != null) {
            socketLost(gen, new SignalingException(SignalingErrorCode.CONNECTION_FAILED,
                "cannot open " + config.uri() + ": " + Causes.rootMessage(error)));
            return;
          }
          socket = ws;
          lastHeardMillis = config.clock().millis();
          write(new SignalMessage.Join(config.room(), config.password(), config.token(), resumeToken));
        }));
  }

  private void frame(int gen, String text) {
    if (gen != generation || closed) {
      return;
    }
    lastHeardMillis = config.clock().millis();
    SignalMessage m;
    try {
      m = codec.decode(text);
    } catch (SignalingException e) {
      LOG.warn("signaling: ignoring a frame from the server: {}", e.getMessage());
      return;
    }
    if (m instanceof SignalMessage.Joined j) {
      joinedRoom(j);
    } else if (m instanceof SignalMessage.Error e) {
      serverError(e);
    } else if (m instanceof SignalMessage.PeerJoined p) {
      listener.onPeerJoined(p.peerId());
    } else if (m instanceof SignalMessage.PeerLeft p) {
      listener.onPeerLeft(p.peerId());
    } else if (m instanceof SignalMessage.Offer o) {
      listener.onOffer(o.peer(), o.sdp());
    } else if (m instanceof SignalMessage.Answer a) {
      listener.onAnswer(a.peer(), a.sdp());
    } else if (m instanceof SignalMessage.Candidate c) {
      listener.onCandidate(c.peer(), c.candidate());
    }
  }

  private void joinedRoom(SignalMessage.Joined j) {
    joined = true;
    failedAttempts = 0;
    peerId = j.peerId();
    resumeToken = j.resumeToken();
    if (j.resumed()) {
      while (!held.isEmpty()) {
        write(held.poll());
      }
    } else {
      held.clear(); // addressed from an identity the other peers no longer know
    }
    listener.onJoined(j); // before connect() completes, so the listener has seen the join first
    firstJoin.complete(j);
  }

  private void serverError(SignalMessage.Error e) {
    if (!joined && e.code() == SignalingErrorCode.RESUME_FAILED) {
      LOG.info("signaling: resume failed, joining afresh");
      resumeToken = null;
      write(new SignalMessage.Join(config.room(), config.password(), config.token(), null));
    } else if (!joined && e.code().rejectsJoin()) {
      fail(new SignalingException(e.code(), e.message() == null ? "join rejected" : e.message()));
    } else {
      listener.onError(e.code(), e.message());
    }
  }

  private void socketLost(int gen, SignalingException cause) {
    if (gen != generation || closed) {
      return;
    }
    if (socket != null) {
      socket.abort();
      socket = null;
    }
    boolean wasJoined = joined;
    joined = false;
    generation++; // late callbacks from the lost socket are ignored
    failedAttempts++;
    if (config.maxReconnectAttempts() >= 0 && failedAttempts > config.maxReconnectAttempts()) {
      fail(cause);
      return;
    }
    if (wasJoined) {
      listener.onDisconnected(cause);
    }
    long delay = backoffMillis(failedAttempts);
    LOG.info("signaling: {}; reconnecting in {} ms", cause.getMessage(), delay);
    exec.schedule(() -> {
      if (!closed) {
        openSocket();
      }
    }, delay, TimeUnit.MILLISECONDS);
  }

  private long backoffMillis(int attempt) {
    long base = config.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(base, config.maxBackoff().toMillis());
    return capped / 2 + (long) (config.random().nextDouble() * (capped / 2.0)); // "equal jitter"
  }

  private void heartbeat() {
    if (closed || socket == null) {
      return;
    }
    long silent = config.clock().millis() - lastHeardMillis;
    if (silent > config.silenceTimeout().toMillis()) {
      socketLost(generation, new SignalingException(SignalingErrorCode.CONNECTION_FAILED,
          "server silent for " + silent + " ms"));
    } else {
      write(new SignalMessage.Ping());
    }
  }

  private void write(SignalMessage m) {
    WebSocket ws = socket;
    if (ws == null) {
      return;
    }
    String json = codec.encode(m);
    int gen = generation;
    sendChain = sendChain
        .handle((v, t) -> null)
        .thenCompose(v -> ws.sendText(json, true))
        .whenComplete((v, t) -> {
          if (t != null) {
            run(() -> socketLost(gen, new SignalingException(SignalingErrorCode.CONNECTION_FAILED,
                "send failed: " + Causes.rootMessage(t))));
          }
        });
  }

  private void fail(SignalingException cause) {
    if (closed) {
      return;
    }
    closed = true;
    if (socket != null) {
      socket.abort();
      socket = null;
    }
    finish(cause);
  }

  private void shutdown() {
    if (closed) {
      return;
    }
    closed = true;
    SignalingException cause = new SignalingException(SignalingErrorCode.CLOSED, "client closed");
    WebSocket ws = socket;
    socket = null;
    if (ws != null && joined) {
      String leave = codec.encode(new SignalMessage.Leave());
      sendChain.handle((v, t) -> null)
          .thenCompose(v -> ws.sendText(leave, true))
          .thenCompose(v -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye"))
          .orTimeout(2, TimeUnit.SECONDS)
          .whenComplete((v, t) -> {
            ws.abort();
            run(() -> finish(cause));
          });
    } else {
      if (ws != null) {
        ws.abort();
      }
      finish(cause);
    }
  }

  private void finish(SignalingException cause) {
    if (heartbeat != null) {
      heartbeat.cancel(false);
    }
    firstJoin.completeExceptionally(cause);
    try {
      listener.onClosed(cause);
    } finally {
      terminated.complete(null);
      exec.shutdown();
    }
  }

  /** The callbacks of socket number `gen`, handed to `exec`; a superseded socket's are ignored there. */
  private TextFrameListener socketEvents(int gen) {
    return new TextFrameListener(MAX_FRAME_CHARS, new TextFrameListener.Events() {
      @Override
      public void text(String frame) {
        run(() -> frame(gen, frame));
      }

      @Override
      public void heard() {
        run(() -> {
          if (gen == generation) {
            lastHeardMillis = config.clock().millis();
          }
        });
      }

      @Override
      public void lost(SignalingException cause) {
        run(() -> socketLost(gen, cause));
      }
    });
  }

  private void run(Runnable task) {
    try {
      exec.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.error("signaling: unexpected failure", e);
        }
      });
    } catch (RejectedExecutionException e) {
      // Already shut down: nothing left to do.
    }
  }
}
