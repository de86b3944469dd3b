package io.swarmrtc.peer.internal.engine;

import io.swarmrtc.peer.SwarmException;
import io.swarmrtc.peer.SwarmNotice;
import io.swarmrtc.peer.internal.rtc.IceFailure;
import io.swarmrtc.peer.TransferStats;
import io.swarmrtc.peer.internal.mesh.MeshConfig;
import io.swarmrtc.peer.internal.mesh.MeshPeer;
import io.swarmrtc.peer.internal.mesh.PeerMesh;
import io.swarmrtc.peer.internal.util.DaemonThreads;
import io.swarmrtc.protocol.manifest.Manifest;
import io.swarmrtc.protocol.swarm.GoodbyeCode;
import io.swarmrtc.protocol.swarm.SwarmCodec;
import io.swarmrtc.protocol.swarm.SwarmMessage;
import io.swarmrtc.protocol.swarm.SwarmMessageType;
import io.swarmrtc.swarm.BlockRef;
import io.swarmrtc.swarm.SwarmCommand;
import io.swarmrtc.swarm.SwarmSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O shell around a {@link SwarmSession}: one per share or download. A single-threaded loop
 * owns the session; {@link PeerMesh} events are posted to it, the session's commands are carried
 * out on it (sends through each channel's backpressure-aware sender, pieces into storage), uploads
 * are pulled from the session while the peer's channel has room, and a tick drives timeouts.
 *
 * <pre>{@code
 * SwarmEngine e = new SwarmEngine("share", meshConfig, SwarmSession.seeding(m, cfg, clock), files, options, events);
 * e.start().get(10, SECONDS);   // joined the room
 * ...
 * e.close();
 * }</pre>
 *
 * <p>Memory stays bounded whatever the content size: at most {@link EngineOptions#uploadQueueBytes}
 * of PIECE messages per peer wait to enter a channel, pieces in assembly are bounded by the
 * session's outstanding requests, and storage reads and writes one block or piece at a time.
 */
public final class SwarmEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SwarmEngine.class);
  private static final int PIECE_HEADER = 9;

  /** What the engine reports to its owner, on the engine's thread. Keep these short. */
  public interface Events {
    default void onManifest(Manifest manifest) {}

    default void onComplete(List<Path> files) {}

    default void onProgress(TransferStats stats) {}

    /** Something to tell the user while the transfer carries on (SwarmNotice codes). */
    default void onNotice(SwarmNotice notice) {}

    /** The engine cannot go on (storage failed, nobody shares, signaling gave up). Called at most once. */
    default void onFailed(SwarmException error) {}
  }

  /** Per peer: its handle and its upload bytes not yet handed to the native channel. */
  private static final class Link {
    final MeshPeer peer;
    int queuedUploadBytes;
    CompletableFuture<Void> lastSend = CompletableFuture.completedFuture(null);

    Link(MeshPeer peer) {
      this.peer = peer;
    }
  }

  private final SwarmSession session;
  private final EngineStorage storage;
  private final DiskQueue disk;
  private final EngineOptions options;
  private final Events events;
  private final ScheduledExecutorService loop;
  private final PeerMesh mesh;
  private final Map<String, Link> links = new HashMap<>(); // on loop
  /** Per connected peer: its messages waiting for the loop (touched off the loop too). */
  private final Map<MeshPeer, InboundBudget> inbound = new ConcurrentHashMap<>();
  private final long inboundLimit;
  private final StatsTracker stats = new StatsTracker(); // on loop
  private final AtomicBoolean closed = new AtomicBoolean();
  private boolean stopped; // on loop: storage closed, ignore everything
  private boolean failed; // on loop
  private double uploadTokens; // on loop
  private long lastTick; // on loop
  private long withoutSourceSince; // on loop; 0 = a source is connected
  private long lastProgress; // on loop
  private long lastCheck; // on loop: availability and paths
  private final TransferNotices notices = new TransferNotices(2_000); // on loop

  public SwarmEngine(String name, MeshConfig meshConfig, SwarmSession session, EngineStorage storage,
      EngineOptions options, Events events) {
    this.session = session;
    this.storage = storage;
    this.disk = new DiskQueue(storage);
    this.options = options;
    this.events = events;
    this.loop = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("swarm-" + name));
    this.mesh = new PeerMesh(meshConfig, new MeshEvents());
    this.inboundLimit = InboundBudget.limitFor(options.swarm());
  }

  /** Joins the room and starts ticking; completes with this peer's id. */
  public CompletableFuture<String> start() {
    long now = options.clock().millis();
    lastTick = now;
    withoutSourceSince = now;
    long period = options.tick().toMillis();
    loop.scheduleAtFixedRate(() -> onLoop(this::tick), period, period, TimeUnit.MILLISECONDS);
    return mesh.start();
  }

  /** The latest stats (refreshed every tick). */
  public TransferStats stats() {
    return stats.published();
  }

  /** This peer's id in the room, or null before joining. */
  public String localId() {
    return mesh.localId();
  }

  /** Leaves the room and closes the storage (persisting resume state). Idempotent; never on the engine thread. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    mesh.close();
    try {
      loop.execute(() -> stopped = true);
    } catch (RejectedExecutionException e) {
      // already stopping
    }
    loop.shutdown();
    try {
      if (!loop.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("engine loop did not stop in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    disk.close(); // after the loop: nothing queues writes any more
  }

  /** Closes on another thread: for owners reacting to an event on the engine's thread. */
  public void closeAsync() {
    Thread t = new Thread(this::close, "swarm-engine-close");
    t.setDaemon(true);
    t.start();
  }

  // ---- on the loop ----------------------------------------------------------------------------

  private void onLoop(Runnable task) {
    try {
      loop.execute(() -> {
        if (!stopped) {
          task.run();
        }
      });
    } catch (RejectedExecutionException e) {
      // closing: nothing more to do
    }
  }

  private void run(List<SwarmCommand> commands) {
    for (SwarmCommand c : commands) {
      if (stopped) {
        return;
      }
      if (c instanceof SwarmCommand.Send s) {
        Link l = links.get(s.peerId());
        if (l != null) {
          send(l, SwarmCodec.encode(s.message()));
        }
      } else if (c instanceof SwarmCommand.Close cl) {
        Link l = links.remove(cl.peerId());
        if (l != null) { // let the GOODBYE leave first
          l.lastSend.handle((v, t) -> null).completeOnTimeout(null, 2, TimeUnit.SECONDS)
              .thenRunAsync(l.peer::disconnect); // closing blocks: never on a channel's sending thread
        }
      } else if (c instanceof SwarmCommand.StorePiece p) {
        try {
          disk.store(p.piece(), p.data(), e -> onLoop(() ->
              fail(SwarmException.Code.STORAGE, "cannot store piece " + p.piece() + ": " + e.getMessage(), e)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopped = true;
        }
      } else if (c instanceof SwarmCommand.ManifestReceived m) {
        try {
          storage.onManifest(m.manifest());
          events.onManifest(m.manifest());
        } catch (IOException | RuntimeException e) {
          fail(SwarmException.Code.STORAGE, "cannot create the files: " + e.getMessage(), e);
        }
      } else if (c instanceof SwarmCommand.PeerBanned b) {
        LOG.warn("banned peer {}: {}", b.peerId(), b.reason());
        stats.banned(b.peerId());
      } else if (c instanceof SwarmCommand.PeerDropped d) {
        LOG.info("dropped peer {} (GOODBYE {}): {}", d.peerId(), d.goodbyeCode(), d.reason());
      } else if (c instanceof SwarmCommand.Completed) {
        disk.complete(files -> onLoop(() -> {
          events.onProgress(stats.snapshot(options.clock().millis(), session.manifest(), session.have()));
          events.onComplete(files);
        }), e -> onLoop(() -> fail(SwarmException.Code.STORAGE, "cannot finish the files: " + e.getMessage(), e)));
      }
    }
  }

  private void send(Link l, byte[] message) {
    l.lastSend = l.peer.swarm().send(message);
  }

  /**
   * Pulls blocks for {@code peerId} from the session while its channel has room. Room comes back
   * in batches of a quarter of the queue: a channel hands messages to the native stack in order, so
   * one continuation on the last send of a batch releases the whole batch (instead of a callback and
   * a loop task per block).
   */
  private void pump(String peerId) {
    Link l = links.get(peerId);
    long limit = options.uploadBytesPerSecond();
    int batch = 0;
    int batchLimit = options.uploadQueueBytes() / 4;
    while (l != null && !stopped && l.queuedUploadBytes < options.uploadQueueBytes() && (limit == 0 || uploadTokens > 0)) {
      BlockRef b = session.nextUpload(peerId);
      if (b == null) {
        break;
      }
      byte[] message = new byte[PIECE_HEADER + b.length()];
      try {
        disk.read(b.piece(), b.offset(), message, PIECE_HEADER, b.length());
      } catch (IOException | RuntimeException e) {
        LOG.warn("cannot read block {} to serve it: {}", b, e.toString());
        send(l, SwarmCodec.encode(new SwarmMessage.Reject(b.piece(), b.offset(), b.length())));
        continue;
      }
      ByteBuffer.wrap(message).put((byte) SwarmMessageType.PIECE.code()).putInt(b.piece()).putInt(b.offset());
      if (options.corruptUploadsForTesting()) {
        message[PIECE_HEADER] ^= (byte) 0xFF;
      }
      int size = b.length();
      l.queuedUploadBytes += size;
      uploadTokens -= size;
      stats.sent(peerId, size);
      send(l, message);
      batch += size;
      if (batch >= batchLimit) {
        releaseAfterLastSend(l, peerId, batch);
        batch = 0;
      }
    }
    if (batch > 0) {
      releaseAfterLastSend(l, peerId, batch);
    }
  }

  /** Once the link's last send has left (or failed), frees {@code bytes} of its queue and pumps again. */
  private void releaseAfterLastSend(Link l, String peerId, int bytes) {
    l.lastSend.whenComplete((v, t) -> onLoop(() -> {
      l.queuedUploadBytes -= bytes;
      pump(peerId);
    }));
  }

  private void tick() {
    long now = options.clock().millis();
    long rate = options.uploadBytesPerSecond();
    if (rate > 0) { // token bucket, bursts of at most 1/4 s
      uploadTokens = Math.min(rate / 4.0, uploadTokens + rate * (now - lastTick) / 1000.0);
    }
    lastTick = now;
    run(session.onTick());
    for (String id : List.copyOf(links.keySet())) {
      pump(id);
    }
    if (now - lastCheck >= 1_000) {
      lastCheck = now;
      checkAvailability(now);
      links.values().forEach(l -> l.peer.path().thenAccept(p -> onLoop(() -> stats.path(l.peer.id(), p))));
    }
    TransferStats s = stats.snapshot(now, session.manifest(), session.have());
    if (!session.isComplete()) {
      checkSource(now);
      if (now - lastProgress >= 500) {
        lastProgress = now;
        events.onProgress(s);
      }
    }
  }

  private void checkAvailability(long now) {
    if (session.manifest() == null || session.have() == null) {
      return;
    }
    int missing = session.manifest().pieceCount() - session.have().cardinality();
    tell(notices.availability(now, missing, missing == 0 ? 0 : session.unavailablePieces()));
  }

  private void tell(SwarmNotice notice) {
    if (notice != null) {
      LOG.info("{}", notice);
      events.onNotice(notice);
    }
  }

  private void checkSource(long now) {
    boolean hasSource = session.peerIds().stream().anyMatch(id -> session.peer(id).handshaken())
        && (session.manifest() != null || !links.isEmpty());
    if (hasSource) {
      withoutSourceSince = 0;
    } else if (withoutSourceSince == 0) {
      withoutSourceSince = now;
    } else if (!options.sourceTimeout().isZero() && now - withoutSourceSince >= options.sourceTimeout().toMillis()) {
      IceFailure unreachable = notices.lastFailure();
      if (unreachable != null) {
        fail(SwarmException.Code.UNREACHABLE, "no connection to a peer with this content within "
            + options.sourceTimeout().toSeconds() + " s: " + unreachable.message(), null);
        return;
      }
      fail(SwarmException.Code.NO_SOURCE, session.manifest() == null
          ? "nobody shared this content within " + options.sourceTimeout().toSeconds() + " s"
          : "no peer with this content for " + options.sourceTimeout().toSeconds() + " s", null);
    }
  }

  /** The peer sent more than its inbound budget before we could take it: it ignores flow control. */
  private void dropFlooder(MeshPeer peer, long waiting) {
    Link l = links.get(peer.id());
    if (l != null && l.peer == peer) {
      run(session.dropPeer(peer.id(), GoodbyeCode.PROTOCOL_VIOLATION, "sent more than " + inboundLimit
          + " bytes we had not taken yet (" + waiting + " waiting): it ignores flow control"));
    }
  }

  private void fail(SwarmException.Code code, String message, Throwable cause) {
    if (!failed) {
      failed = true;
      stopped = true;
      LOG.warn("{}", message);
      events.onFailed(new SwarmException(code, message, cause));
    }
  }

  /** Mesh events, moved onto the loop. */
  private final class MeshEvents implements PeerMesh.Listener {
    @Override
    public void onPeerConnected(MeshPeer peer) {
      onLoop(() -> {
        links.put(peer.id(), new Link(peer));
        stats.connected(peer.id());
        peer.path().thenAccept(p -> onLoop(() -> stats.path(peer.id(), p)));
        run(session.onPeerConnected(peer.id()));
        pump(peer.id());
      });
    }

    @Override
    public void onSwarmMessage(MeshPeer peer, byte[] message) {
      InboundBudget budget = inbound.computeIfAbsent(peer, p -> new InboundBudget(inboundLimit));
      if (!budget.admit(message.length)) {
        if (budget.firstOverrun()) {
          long waiting = budget.waiting();
          onLoop(() -> dropFlooder(peer, waiting));
        }
        return; // a flood is not queued
      }
      onLoop(() -> {
        budget.release(message.length);
        if (message.length > PIECE_HEADER && message[0] == SwarmMessageType.PIECE.code()) {
          stats.received(peer.id(), message.length - PIECE_HEADER);
        }
        run(session.onOwnedData(peer.id(), message)); // the mesh's copy of the message is the only one
        pump(peer.id());
      });
    }

    @Override
    public void onPeerDisconnected(MeshPeer peer) {
      inbound.remove(peer);
      onLoop(() -> {
        Link l = links.get(peer.id());
        if (l != null && l.peer == peer) {
          links.remove(peer.id());
        }
        stats.disconnected(peer.id());
        run(session.onPeerDisconnected(peer.id()));
      });
    }

    @Override
    public void onPeerUnreachable(String peerId, IceFailure failure) {
      onLoop(() -> tell(notices.unreachable(peerId, failure)));
    }

    @Override
    public void onSignalingLost(String reason) {
      onLoop(() -> tell(new SwarmNotice(SwarmNotice.Code.SIGNALING_LOST, null, null, "lost the signaling server ("
          + reason + "); connected peers carry on, reconnecting")));
    }

    @Override
    public void onSignalingRestored(boolean resumed) {
      onLoop(() -> tell(new SwarmNotice(SwarmNotice.Code.SIGNALING_RESTORED, null, null, resumed
          ? "back in the room" : "back in the room under a new peer id (the server restarted); connected peers kept")));
    }

    @Override
    public void onClosed(Throwable cause) {
      if (cause != null) {
        onLoop(() -> fail(SwarmException.Code.JOIN_FAILED, "lost the signaling server: " + cause.getMessage(), cause));
      }
    }
  }
}
