package io.swarmrtc.swarm;

import io.swarmrtc.protocol.manifest.Manifest;
import io.swarmrtc.protocol.swarm.SwarmCodec;
import io.swarmrtc.protocol.swarm.SwarmMessage;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A deterministic in-memory swarm: sessions joined by lossless ordered links, every message encoded
 * and decoded on the way, each node's upload limited to a number of blocks per tick. One tick:
 * deliver what was sent in the previous tick, let every node upload, advance the clock, onTick.
 */
final class SwarmSimulation {
  static final Duration TICK = Duration.ofMillis(100);

  final MutableClock clock = new MutableClock();
  final Map<String, Node> nodes = new LinkedHashMap<>();
  private Deque<Delivery> inFlight = new ArrayDeque<>();
  int ticks;
  /** SHA-256 over every delivered message (from, to, bytes) in order: equal traces, equal digests. */
  final java.security.MessageDigest trace = io.swarmrtc.protocol.manifest.Sha256.newDigest();

  private record Delivery(String from, String to, byte[] bytes) {}

  final class Node {
    final String id;
    final SwarmSession session;
    final TreeSet<String> links = new TreeSet<>();
    byte[] storage; // the concatenated content, filled as pieces are stored
    final int uploadBlocksPerTick;
    boolean uploading = true;
    long uploadLimitBytes = Long.MAX_VALUE;
    long uploadedBytes;
    final Map<BlockRef, Integer> uploadedBlocks = new java.util.HashMap<>();
    boolean completed;
    final List<SwarmCommand> log = new ArrayList<>();

    Node(String id, SwarmSession session, byte[] storage, int uploadBlocksPerTick) {
      this.id = id;
      this.session = session;
      this.storage = storage;
      this.uploadBlocksPerTick = uploadBlocksPerTick;
    }

    Manifest manifest() {
      return session.manifest();
    }
  }

  Node add(String id, SwarmSession session, byte[] storage, int uploadBlocksPerTick) {
    Node n = new Node(id, session, storage, uploadBlocksPerTick);
    nodes.put(id, n);
    return n;
  }

  /** Opens a link; both sides see the peer connect (a first). */
  void connect(String a, String b) {
    nodes.get(a).links.add(b);
    nodes.get(b).links.add(a);
    execute(nodes.get(a), nodes.get(a).session.onPeerConnected(b));
    execute(nodes.get(b), nodes.get(b).session.onPeerConnected(a));
  }

  /** Removes a node; its peers see it disconnect. */
  void leave(String id) {
    Node n = nodes.remove(id);
    for (String other : n.links) {
      Node o = nodes.get(other);
      if (o != null) {
        o.links.remove(id);
        execute(o, o.session.onPeerDisconnected(id));
      }
    }
  }

  void tick() {
    ticks++;
    Deque<Delivery> now = inFlight;
    inFlight = new ArrayDeque<>();
    for (Delivery d : now) {
      Node to = nodes.get(d.to());
      if (to != null && to.links.contains(d.from())) {
        record(d);
        execute(to, to.session.onData(d.from(), ByteBuffer.wrap(d.bytes())));
      }
    }
    for (Node n : List.copyOf(nodes.values())) {
      upload(n);
    }
    clock.advance(TICK);
    for (Node n : List.copyOf(nodes.values())) {
      execute(n, n.session.onTick());
    }
  }

  /** Delivers everything in flight without uploading more. */
  void drain() {
    while (!inFlight.isEmpty()) {
      Deque<Delivery> now = inFlight;
      inFlight = new ArrayDeque<>();
      for (Delivery d : now) {
        Node to = nodes.get(d.to());
        if (to != null && to.links.contains(d.from())) {
          record(d);
          execute(to, to.session.onData(d.from(), ByteBuffer.wrap(d.bytes())));
        }
      }
    }
  }

  private void record(Delivery d) {
    trace.update((d.from() + ">" + d.to() + ":").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    trace.update(d.bytes());
  }

  /** Hex of the trace digest so far (consumes the digest: call once, at the end). */
  String traceHex() {
    return java.util.HexFormat.of().formatHex(trace.digest());
  }

  private void upload(Node n) {
    if (!n.uploading || n.manifest() == null) {
      return;
    }
    int budget = n.uploadBlocksPerTick;
    boolean progress = true;
    while (budget > 0 && progress && n.uploadedBytes < n.uploadLimitBytes) {
      progress = false;
      for (String peer : n.links) {
        if (budget == 0 || n.uploadedBytes >= n.uploadLimitBytes) {
          break;
        }
        BlockRef b = n.session.nextUpload(peer);
        if (b != null) {
          long at = n.manifest().pieceOffset(b.piece()) + b.offset();
          ByteBuffer data = ByteBuffer.wrap(n.storage, (int) at, b.length()).slice();
          send(n, peer, new SwarmMessage.Piece(b.piece(), b.offset(), data));
          n.uploadedBytes += b.length();
          n.uploadedBlocks.merge(b, 1, Integer::sum);
          budget--;
          progress = true;
        }
      }
    }
  }

  private void send(Node from, String to, SwarmMessage m) {
    if (from.links.contains(to)) {
      inFlight.add(new Delivery(from.id, to, SwarmCodec.encode(m)));
    }
  }

  private void execute(Node n, List<SwarmCommand> commands) {
    for (SwarmCommand c : commands) {
      n.log.add(c);
      if (c instanceof SwarmCommand.Send s) {
        send(n, s.peerId(), s.message());
      } else if (c instanceof SwarmCommand.Close cl) {
        n.links.remove(cl.peerId());
        Node other = nodes.get(cl.peerId());
        if (other != null && other.links.remove(n.id)) {
          execute(other, other.session.onPeerDisconnected(n.id));
        }
      } else if (c instanceof SwarmCommand.ManifestReceived r) {
        n.storage = new byte[(int) r.manifest().totalSize()];
      } else if (c instanceof SwarmCommand.StorePiece p) {
        p.data().copyTo(0, n.storage, (int) n.manifest().pieceOffset(p.piece()), p.data().length());
      } else if (c instanceof SwarmCommand.Completed) {
        n.completed = true;
      }
    }
  }
}
