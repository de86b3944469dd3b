package io.swarmrtc.peer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * STAND-IN for the swarmrtc signaling server, for this module's tests only: a real WebSocket
 * server (Javalin, 127.0.0.1, ephemeral port) implementing just enough of docs/signaling.md — join
 * with password, joined/peer-joined/peer-left, relay of offer/answer/candidate, leave, ping/pong,
 * resume within a grace period, UNKNOWN_PEER/BAD_PASSWORD/NOT_JOINED errors — plus a hook to cut
 * a peer's socket. Replace with the real server's test fixture once the server module is merged.
 */
public final class StandInSignalingServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Javalin app;
  private final long graceMillis;
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "stand-in-grace");
    t.setDaemon(true);
    return t;
  });
  // All guarded by `this`.
  private final Map<String, Peer> peersById = new HashMap<>();
  private final Map<String, Peer> peersByToken = new HashMap<>();
  private final Map<String, Peer> peersBySession = new HashMap<>();
  private final Map<String, String> roomPasswords = new HashMap<>();
  private int joins;
  private int iceServerRequests;

  private static final class Peer {
    final String id;
    final String room;
    final String resumeToken;
    WsContext ctx;
    boolean gone;

    Peer(String id, String room, String resumeToken) {
      this.id = id;
      this.room = room;
      this.resumeToken = resumeToken;
    }
  }

  public StandInSignalingServer(long graceMillis) {
    this.graceMillis = graceMillis;
    this.app = Javalin.create(cfg -> cfg.routes
        .ws("/ws", ws -> {
          ws.onMessage(ctx -> onMessage(ctx, ctx.message()));
          ws.onClose(ctx -> onSocketClosed(ctx));
        })
        .get("/api/ice-servers", ctx -> {
          synchronized (this) {
            iceServerRequests++;
          }
          // No STUN/TURN in the stand-in: peers in the test namespace connect over host candidates.
          ctx.contentType("application/json").result("{\"iceServers\":[],\"ttl\":86400}");
        })).start("127.0.0.1", 0);
  }

  public URI uri() {
    return URI.create("ws://127.0.0.1:" + app.port() + "/ws");
  }

  /** How many joins (fresh or resumed) the server has accepted. */
  public synchronized int joins() {
    return joins;
  }

  /** How many times {@code /api/ice-servers} was asked. */
  public synchronized int iceServerRequests() {
    return iceServerRequests;
  }

  /** The HTTP origin, e.g. for {@code SwarmClient.builder}. */
  public URI origin() {
    return URI.create("http://127.0.0.1:" + app.port());
  }

  /** Cuts a peer's socket without a leave, as a network failure would. */
  public void dropSocket(String peerId) {
    WsContext ctx;
    synchronized (this) {
      Peer p = peersById.get(peerId);
      ctx = p == null ? null : p.ctx;
    }
    if (ctx != null) {
      ctx.closeSession(4001, "dropped by test");
    }
  }

  private synchronized void onMessage(WsContext ctx, String text) {
    JsonNode m;
    try {
      m = JSON.readTree(text);
    } catch (Exception e) {
      error(ctx, "BAD_JSON", "not JSON");
      return;
    }
    String type = m.path("type").asText("");
    Peer self = peersBySession.get(ctx.sessionId());
    switch (type) {
      case "ping" -> send(ctx, JSON.createObjectNode().put("type", "pong"));
      case "join" -> join(ctx, self, m);
      case "leave" -> {
        if (self != null) {
          leave(self);
          peersBySession.remove(ctx.sessionId());
        }
      }
      case "offer", "answer", "candidate" -> relay(ctx, self, m);
      default -> error(ctx, "UNKNOWN_TYPE", "unknown type " + type);
    }
  }

  private void join(WsContext ctx, Peer self, JsonNode m) {
    if (self != null) {
      error(ctx, "ALREADY_JOINED", "already joined");
      return;
    }
    String room = m.path("room").asText("");
    String token = m.path("resumeToken").asText(null);
    if (token != null) {
      Peer p = peersByToken.get(token);
      if (p == null || p.gone || !p.room.equals(room)) {
        error(ctx, "RESUME_FAILED", "unknown or expired resume token");
        return;
      }
      p.ctx = ctx;
      peersBySession.put(ctx.sessionId(), p);
      joins++;
      send(ctx, joined(p, true));
      return;
    }
    String password = m.path("password").asText(null);
    boolean empty = roomMembers(room).isEmpty();
    if (empty) {
      if (password == null) {
        roomPasswords.remove(room);
      } else {
        roomPasswords.put(room, password);
      }
    } else if (roomPasswords.containsKey(room) && !roomPasswords.get(room).equals(password)) {
      error(ctx, "BAD_PASSWORD", "wrong password");
      return;
    }
    Peer p = new Peer(randomId(), room, randomId() + randomId());
    List<Peer> others = roomMembers(room);
    p.ctx = ctx;
    peersById.put(p.id, p);
    peersByToken.put(p.resumeToken, p);
    peersBySession.put(ctx.sessionId(), p);
    joins++;
    send(ctx, joined(p, false));
    for (Peer o : others) {
      send(o.ctx, JSON.createObjectNode().put("type", "peer-joined").put("peerId", p.id));
    }
  }

  private ObjectNode joined(Peer p, boolean resumed) {
    ObjectNode j = JSON.createObjectNode().put("type", "joined").put("room", p.room)
        .put("peerId", p.id).put("resumeToken", p.resumeToken).put("resumed", resumed);
    var ids = j.putArray("peers");
    roomMembers(p.room).stream().filter(o -> o != p).forEach(o -> ids.add(o.id));
    return j;
  }

  private void relay(WsContext ctx, Peer self, JsonNode m) {
    if (self == null) {
      error(ctx, "NOT_JOINED", "join first");
      return;
    }
    Peer to = peersById.get(m.path("to").asText(""));
    if (to == null || to.gone || !to.room.equals(self.room)) {
      error(ctx, "UNKNOWN_PEER", "no such peer in this room");
      return;
    }
    ObjectNode out = ((ObjectNode) m).deepCopy();
    out.remove("to");
    out.put("from", self.id);
    send(to.ctx, out);
  }

  private void onSocketClosed(WsContext ctx) {
    Peer p;
    synchronized (this) {
      p = peersBySession.remove(ctx.sessionId());
      if (p == null || p.gone || !p.ctx.sessionId().equals(ctx.sessionId())) {
        return; // left properly, or already resumed on a newer socket
      }
    }
    timers.schedule(() -> {
      synchronized (this) {
        if (!p.gone && !peersBySession.containsValue(p)) {
          leave(p);
        }
      }
    }, graceMillis, TimeUnit.MILLISECONDS);
  }

  private void leave(Peer p) {
    if (p.gone) {
      return;
    }
    p.gone = true;
    peersById.remove(p.id);
    peersByToken.remove(p.resumeToken);
    for (Peer o : roomMembers(p.room)) {
      send(o.ctx, JSON.createObjectNode().put("type", "peer-left").put("peerId", p.id));
    }
  }

  private List<Peer> roomMembers(String room) {
    List<Peer> out = new ArrayList<>();
    for (Peer p : peersById.values()) {
      if (p.room.equals(room) && !p.gone) {
        out.add(p);
      }
    }
    return out;
  }

  private void error(WsContext ctx, String code, String message) {
    send(ctx, JSON.createObjectNode().put("type", "error").put("code", code).put("message", message)
        .put("fatal", false));
  }

  private static void send(WsContext ctx, ObjectNode message) {
    try {
      if (ctx.session.isOpen()) {
        ctx.send(message.toString());
      }
    } catch (RuntimeException e) {
      // The peer's socket is going away; the grace timer deals with it.
    }
  }

  private static String randomId() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  @Override
  public void close() {
    timers.shutdownNow();
    app.stop();
  }
}
