package io.swarmrtc.swarm;

import io.swarmrtc.protocol.manifest.ContentId;
import io.swarmrtc.protocol.manifest.Manifest;
import io.swarmrtc.protocol.manifest.ManifestCodec;
import io.swarmrtc.protocol.manifest.ManifestFormatException;
import io.swarmrtc.protocol.swarm.GoodbyeCode;
import io.swarmrtc.protocol.swarm.SwarmCodec;
import io.swarmrtc.protocol.swarm.SwarmFormatException;
import io.swarmrtc.protocol.swarm.SwarmMessage;
import io.swarmrtc.protocol.swarm.SwarmMessage.*;
import io.swarmrtc.swarm.SwarmCommand.*;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The swarm protocol as a pure state machine: the I/O shell feeds it events (a peer connected, a
 * message arrived, a peer left, time passed) and executes the {@link SwarmCommand}s each call returns.
 * No I/O, no threads, time from the injected {@link Clock}. Not thread-safe: call it from one thread
 * (or event loop).
 *
 * <pre>{@code
 * SwarmSession s = SwarmSession.downloading(link.content(), SwarmConfig.defaults(), Clock.systemUTC());
 * run(s.onPeerConnected("p1"));                 // on swarm channel open
 * run(s.onData("p1", bytes));                   // on every channel message
 * run(s.onTick());                              // every second or so
 * for (BlockRef b; channelHasRoom() && (b = s.nextUpload("p1")) != null; ) sendPiece("p1", b);
 * run(s.onPeerDisconnected("p1"));              // on channel close
 * }</pre>
 *
 * <p>Uploads are pulled: after every call, and whenever a channel drains below its low watermark,
 * the shell asks {@link #nextUpload} for blocks to read from storage and send as PIECE.
 */
public final class SwarmSession {
  private final ContentId contentId;
  private final SwarmConfig config;
  private final Clock clock;
  private final Map<String, PeerState> peers = new LinkedHashMap<>();
  private final Set<String> banned = new HashSet<>();
  private final Set<String> weChoke = new HashSet<>();
  private final UploadScheduler uploads = new UploadScheduler();
  private final Outbox out = new Outbox();
  private final ManifestExchange manifestExchange;
  private final PeerHoldings holdings = new PeerHoldings();
  private Manifest manifest;
  private byte[] manifestBytes;
  private Bitfield have;
  private PieceAvailability availability;
  private BlockTracker tracker;
  private RequestPlanner planner;
  private boolean completed;
  private long connections;

  private SwarmSession(ContentId contentId, Manifest manifest, Bitfield have, SwarmConfig config, Clock clock) {
    this.contentId = contentId;
    this.config = config;
    this.clock = clock;
    this.manifestExchange = new ManifestExchange(contentId, out);
    if (manifest != null) {
      install(manifest, have);
      completed = have.isComplete();
    }
  }

  /** A session that has every piece of {@code manifest} (a sharer). */
  public static SwarmSession seeding(Manifest manifest, SwarmConfig config, Clock clock) {
    return new SwarmSession(manifest.contentId(), manifest, Bitfield.full(manifest.pieceCount()), config, clock);
  }

  /** A session that knows the manifest and holds the verified pieces in {@code have}. */
  public static SwarmSession resuming(Manifest manifest, Bitfield have, SwarmConfig config, Clock clock) {
    if (have.size() != manifest.pieceCount()) {
      throw new IllegalArgumentException("bitfield size " + have.size() + " != " + manifest.pieceCount());
    }
    return new SwarmSession(manifest.contentId(), manifest, have.copy(), config, clock);
  }

  /** A session that knows only the content id (from the share URL) and fetches the manifest first. */
  public static SwarmSession downloading(ContentId contentId, SwarmConfig config, Clock clock) {
    return new SwarmSession(contentId, null, null, config, clock);
  }

  // ---- events -------------------------------------------------------------------------------

  /** The peer's swarm channel opened. */
  public List<SwarmCommand> onPeerConnected(String peerId) {
    if (banned.contains(peerId)) {
      send(peerId, new Goodbye(GoodbyeCode.BANNED, "banned"));
      out.add(new Close(peerId));
    } else if (!peers.containsKey(peerId)) {
      peers.put(peerId, new PeerState(peerId, connections++));
      send(peerId, Handshake.of(contentId, manifest != null));
    }
    return flush();
  }

  /**
   * A message arrived on the peer's swarm channel; it is decoded here. The session copies whatever it
   * keeps before returning, and no returned command refers to {@code data}: a transient buffer (such
   * as webrtc-java's direct buffer) may be reused afterwards.
   */
  public List<SwarmCommand> onData(String peerId, ByteBuffer data) {
    return decodeAndReceive(peerId, data, false);
  }

  /**
   * Like {@link #onData}, for a message array the caller hands over: the session keeps the blocks of
   * a PIECE in it as they are until the piece is stored, instead of copying them, so the caller must
   * never modify {@code message} afterwards. (The Java peer copies each message once out of
   * webrtc-java's native buffer; this keeps that copy the only one.)
   */
  public List<SwarmCommand> onOwnedData(String peerId, byte[] message) {
    return decodeAndReceive(peerId, ByteBuffer.wrap(message), true);
  }

  /** A decoded message arrived from the peer (its buffers are copied if kept). Unknown peers are ignored. */
  public List<SwarmCommand> onMessage(String peerId, SwarmMessage message) {
    return receive(peerId, message, false);
  }

  private List<SwarmCommand> decodeAndReceive(String peerId, ByteBuffer data, boolean owned) {
    SwarmMessage m;
    try {
      m = SwarmCodec.decode(data);
    } catch (SwarmFormatException e) {
      if (peers.containsKey(peerId)) {
        drop(peerId, GoodbyeCode.PROTOCOL_VIOLATION, "undecodable " + e.field() + ": " + e.getMessage());
      }
      return flush();
    }
    return receive(peerId, m, owned);
  }

  private List<SwarmCommand> receive(String peerId, SwarmMessage message, boolean owned) {
    PeerState peer = peers.get(peerId);
    if (peer != null) {
      if (!peer.handshaken && !(message instanceof Handshake) && !(message instanceof Goodbye)) {
        drop(peerId, GoodbyeCode.PROTOCOL_VIOLATION, message.type() + " before HANDSHAKE");
      } else if (message instanceof Piece p) {
        onPiece(peer, p, owned);
      } else {
        dispatch(peer, message);
      }
      refill();
    }
    return flush();
  }

  /** The peer's channel closed. Its requests go to other peers. */
  public List<SwarmCommand> onPeerDisconnected(String peerId) {
    if (peers.containsKey(peerId)) {
      forget(peerId);
      refill();
    }
    return flush();
  }

  /** Time passed: requests older than the timeout are cancelled and asked of other peers. */
  public List<SwarmCommand> onTick() {
    String silentSource = manifestExchange.silentSource(clock.millis(), config.requestTimeout().toMillis());
    if (silentSource != null) {
      PeerState silent = peers.get(silentSource); // not a violation: ask someone else, never it again
      if (silent != null) {
        silent.hasManifest = false;
      }
      manifestExchange.abandon();
      startManifestFetch();
    }
    if (tracker != null) {
      long now = clock.millis();
      long timeout = config.requestTimeout().toMillis();
      for (Map.Entry<PeerState, BlockRef> e : tracker.expired(peers.values(), now, timeout)) {
        BlockRef b = e.getValue();
        tracker.abandon(e.getKey(), b);
        e.getKey().avoidUntil.put(b, now + timeout);
        send(e.getKey().id(), new Cancel(b.piece(), b.offset(), b.length()));
      }
      refill();
    }
    return flush();
  }

  /**
   * The shell found the peer misbehaving below the protocol (for example, it floods us faster than
   * we can take its messages): sends GOODBYE with {@code goodbyeCode}, closes and forgets it, like a
   * protocol violation. Unknown peers are ignored.
   */
  public List<SwarmCommand> dropPeer(String peerId, int goodbyeCode, String reason) {
    if (peers.containsKey(peerId)) {
      drop(peerId, goodbyeCode, reason);
      refill();
    }
    return flush();
  }

  /** Stop serving a peer (for example, to shed load): sends CHOKE and rejects its queued requests. */
  public List<SwarmCommand> choke(String peerId) {
    if (peers.containsKey(peerId) && weChoke.add(peerId)) {
      uploads.clear(peerId);
      send(peerId, new Choke());
    }
    return flush();
  }

  /** Serve a choked peer again: sends UNCHOKE. */
  public List<SwarmCommand> unchoke(String peerId) {
    if (peers.containsKey(peerId) && weChoke.remove(peerId)) {
      send(peerId, new Unchoke());
    }
    return flush();
  }

  /**
   * The next block to send to {@code peerId} as PIECE (read it from storage), or null. The block is
   * a verified piece we hold; pieces sent to nobody else go first, and a block already sent to
   * another peer may be held back for {@link SwarmConfig#uploadHoldBack()} (see UploadScheduler):
   * call again after the next event or tick.
   */
  public BlockRef nextUpload(String peerId) {
    return peers.containsKey(peerId) ? uploads.next(peerId, clock.millis(), config.uploadHoldBack().toMillis()) : null;
  }

  /** Requests from {@code peerId} waiting for {@link #nextUpload}. */
  public int queuedUploads(String peerId) {
    return uploads.queued(peerId);
  }

  // ---- state for display ----------------------------------------------------------------------

  public ContentId contentId() {
    return contentId;
  }

  /** The manifest, or null while it is being fetched. */
  public Manifest manifest() {
    return manifest;
  }

  /** A copy of the verified pieces, or null before the manifest is known. */
  public Bitfield have() {
    return have == null ? null : have.copy();
  }

  public boolean isComplete() {
    return completed;
  }

  public PeerState peer(String peerId) {
    return peers.get(peerId);
  }

  public Collection<String> peerIds() {
    return List.copyOf(peers.keySet());
  }

  public boolean isBanned(String peerId) {
    return banned.contains(peerId);
  }

  /**
   * Missing pieces that no connected peer has announced: the download cannot finish until a peer
   * with them connects. 0 before the manifest is known (nothing to tell yet).
   */
  public int unavailablePieces() {
    if (have == null) {
      return 0;
    }
    int n = 0;
    for (int i = 0; i < have.size(); i++) {
      if (!have.get(i) && availability.count(i) == 0) {
        n++;
      }
    }
    return n;
  }

  // ---- dispatch ---------------------------------------------------------------------------------

  private void dispatch(PeerState peer, SwarmMessage message) {
    if (message instanceof Handshake h) {
      onHandshake(peer, h);
    } else if (message instanceof Goodbye) {
      out.add(new Close(peer.id()));
      forget(peer.id());
    } else if (message instanceof ManifestRequest r) {
      onManifestRequest(peer, r);
    } else if (message instanceof ManifestData d) {
      onManifestData(peer, d);
    } else if (message instanceof SwarmMessage.Bitfield b) {
      String violation = holdings.onBitfield(peer, b.bits());
      if (violation != null) {
        drop(peer.id(), GoodbyeCode.PROTOCOL_VIOLATION, violation);
      }
    } else if (message instanceof Have h) {
      onHave(peer, h.piece());
    } else if (message instanceof Request r) {
      onRequest(peer, new BlockRef(r.piece(), r.offset(), r.length()));
    } else if (message instanceof Cancel c) {
      uploads.cancel(peer.id(), new BlockRef(c.piece(), c.offset(), c.length()));
    } else if (message instanceof Piece p) {
      onPiece(peer, p, false);
    } else if (message instanceof Reject r) {
      BlockRef b = new BlockRef(r.piece(), r.offset(), r.length());
      if (tracker != null && tracker.settle(peer, b)) {
        peer.avoidUntil.put(b, clock.millis() + config.rejectBackoff().toMillis());
      }
      peer.abandoned.remove(b);
    } else if (message instanceof Choke) {
      peer.chokedUs = true;
      if (tracker != null) {
        for (BlockRef b : new ArrayList<>(peer.outstanding.keySet())) {
          tracker.abandon(peer, b);
        }
      }
    } else if (message instanceof Unchoke) {
      peer.chokedUs = false;
      peer.avoidUntil.clear();
    }
  }

  private void onHandshake(PeerState peer, Handshake h) {
    if (peer.handshaken) {
      drop(peer.id(), GoodbyeCode.PROTOCOL_VIOLATION, "second HANDSHAKE");
    } else if (h.version() != SwarmMessage.VERSION) {
      drop(peer.id(), GoodbyeCode.VERSION_NOT_SUPPORTED, "version " + h.version() + " not supported");
    } else if (!h.contentId().equals(contentId)) {
      drop(peer.id(), GoodbyeCode.WRONG_CONTENT, "wrong content id");
    } else {
      peer.handshaken = true;
      peer.hasManifest = h.hasManifest();
      if (manifest != null) {
        sendBitfield(peer);
      } else {
        startManifestFetch();
      }
    }
  }

  private void onManifestRequest(PeerState peer, ManifestRequest r) {
    if (manifest == null) {
      drop(peer.id(), GoodbyeCode.PROTOCOL_VIOLATION, "MANIFEST_REQUEST to a peer without the manifest");
    } else {
      ManifestData chunk = ManifestExchange.chunk(manifestBytes, r.offset());
      if (chunk == null) {
        drop(peer.id(), GoodbyeCode.PROTOCOL_VIOLATION, "MANIFEST_REQUEST past the end");
      } else {
        send(peer.id(), chunk);
      }
    }
  }

  private void onManifestData(PeerState peer, ManifestData d) {
    ManifestExchange.Outcome outcome = manifestExchange.onData(peer.id(), d, clock.millis());
    if (outcome instanceof ManifestExchange.Failed f) {
      drop(peer.id(), f.goodbyeCode(), f.reason());
      if (f.goodbyeCode() == GoodbyeCode.WRONG_CONTENT) {
        startManifestFetch();
      }
      return;
    }
    if (!(outcome instanceof ManifestExchange.Complete complete)) {
      return; // the next chunk is requested
    }
    Manifest m = complete.manifest();
    install(m, new Bitfield(m.pieceCount()));
    out.add(new ManifestReceived(m));
    for (PeerState p : new ArrayList<>(peers.values())) {
      if (p.handshaken) {
        sendBitfield(p);
        String violation = holdings.applyPendingBitfield(p);
        if (violation != null) {
          drop(p.id(), GoodbyeCode.PROTOCOL_VIOLATION, violation);
        }
        for (int piece : holdings.takePendingHaves(p)) {
          if (peers.containsKey(p.id())) {
            onHave(p, piece);
          }
        }
      }
    }
    if (m.pieceCount() == 0) {
      complete();
    }
  }

  private void install(Manifest m, Bitfield held) {
    manifest = m;
    manifestBytes = m.toBytes();
    have = held;
    availability = new PieceAvailability(held);
    holdings.install(m.pieceCount(), availability);
    tracker = new BlockTracker(m, config.blockSize());
    planner = new RequestPlanner(m, config, have, availability, tracker, out);
  }

  private void startManifestFetch() {
    if (manifest == null) {
      manifestExchange.start(peers.values(), clock.millis());
    }
  }

  private void sendBitfield(PeerState peer) {
    if (!peer.sentBitfield) {
      peer.sentBitfield = true;
      send(peer.id(), new SwarmMessage.Bitfield(ByteBuffer.wrap(have.toWire())));
    }
  }

  private void onHave(PeerState peer, int piece) {
    String violation = holdings.onHave(peer, piece);
    if (violation != null) {
      drop(peer.id(), GoodbyeCode.PROTOCOL_VIOLATION, violation);
    } else if (manifest != null) {
      for (PeerState other : peers.values()) { // let others fetch it there (UploadScheduler#redirect)
        if (other != peer) {
          for (BlockRef b : uploads.redirect(other.id(), piece)) {
            send(other.id(), new Reject(b.piece(), b.offset(), b.length()));
          }
        }
      }
    }
  }

  private void onRequest(PeerState peer, BlockRef b) {
    if (manifest == null) {
      drop(peer.id(), GoodbyeCode.PROTOCOL_VIOLATION, "REQUEST before we have the manifest");
    } else if (b.piece() >= manifest.pieceCount()
        || (long) b.offset() + b.length() > manifest.pieceLength(b.piece())) {
      drop(peer.id(), GoodbyeCode.PROTOCOL_VIOLATION, "REQUEST outside the manifest: " + b);
    } else if (!have.get(b.piece()) || weChoke.contains(peer.id())
        || !uploads.enqueue(peer.id(), b, config.maxUploadQueuePerPeer(), clock.millis())) {
      send(peer.id(), new Reject(b.piece(), b.offset(), b.length()));
    }
  }

  private void onPiece(PeerState peer, Piece p, boolean owned) {
    BlockRef b = new BlockRef(p.piece(), p.offset(), p.length());
    if (tracker == null || !(tracker.settle(peer, b) || peer.abandoned.remove(b) != null)) {
      drop(peer.id(), GoodbyeCode.PROTOCOL_VIOLATION, "PIECE nobody requested: " + b);
      return;
    }
    PieceAssembly a = tracker.assembly(b.piece());
    if (have.get(b.piece()) || a == null) {
      return; // a late duplicate
    }
    int index = a.indexOf(b);
    if (index < 0 || (a.singleSource && !peer.id().equals(a.sourcePeer))) {
      return; // not one of our blocks, or from someone else than the pinned source
    }
    if (!a.receive(index, peer.id(), p.data(), owned)) {
      return;
    }
    for (String other : new ArrayList<>(a.requesters(index))) { // endgame duplicates
      PeerState o = peers.get(other);
      if (o != null) {
        tracker.abandon(o, b);
        send(other, new Cancel(b.piece(), b.offset(), b.length()));
      }
    }
    if (a.isComplete()) {
      verify(a);
    }
  }

  private void verify(PieceAssembly a) {
    PieceData data = a.data();
    if (PieceVerifier.verify(manifest, a.piece, data)) {
      for (String liar : PieceVerifier.liars(data, a.suspectBlocks)) {
        ban(liar, "sent a wrong block of piece " + a.piece);
      }
      tracker.finish(a.piece);
      have.set(a.piece);
      availability.obtained(a.piece);
      out.add(new StorePiece(a.piece, data));
      for (PeerState p : peers.values()) {
        if (p.sentBitfield) {
          send(p.id(), new Have(a.piece));
        }
      }
      if (have.isComplete()) {
        complete();
      }
      return;
    }
    PieceVerifier.Blame blame = PieceVerifier.blame(a.contributors());
    if (blame.refetchFromSinglePeer()) {
      a.rememberSentBlocks();
    }
    a.discardData();
    a.singleSource = blame.refetchFromSinglePeer();
    a.sourcePeer = null;
    for (String b : blame.ban()) {
      ban(b, "piece " + a.piece + " failed verification");
    }
  }

  private void complete() {
    if (!completed) {
      completed = true;
      out.add(new Completed());
    }
  }

  // ---- requests ---------------------------------------------------------------------------------

  /** Computes the desired requests for every peer with free slots and sends the new ones. */
  private void refill() {
    if (planner != null) {
      planner.refill(peers.values(), clock.millis());
    }
  }

  // ---- peers ------------------------------------------------------------------------------------

  private void ban(String peerId, String reason) {
    if (!banned.add(peerId)) {
      return;
    }
    out.add(new PeerBanned(peerId, reason));
    if (peers.containsKey(peerId)) {
      send(peerId, new Goodbye(GoodbyeCode.BAD_PIECE, reason));
      out.add(new Close(peerId));
      forget(peerId);
    }
  }

  /** Sends GOODBYE, closes and forgets a peer that broke the protocol. */
  private void drop(String peerId, int code, String reason) {
    send(peerId, new Goodbye(code, truncate(reason)));
    out.add(new Close(peerId));
    out.add(new PeerDropped(peerId, code, reason));
    forget(peerId);
  }

  private void forget(String peerId) {
    PeerState p = peers.remove(peerId);
    if (p == null) {
      return;
    }
    holdings.forget(p);
    if (tracker != null) {
      tracker.dropPeer(p);
    }
    uploads.dropPeer(peerId);
    weChoke.remove(peerId);
    if (manifestExchange.isFetchingFrom(peerId)) {
      manifestExchange.abandon();
      startManifestFetch();
    }
  }

  private static String truncate(String reason) {
    return reason.length() > 200 ? reason.substring(0, 200) : reason;
  }

  private void send(String peerId, SwarmMessage m) {
    out.send(peerId, m);
  }

  private List<SwarmCommand> flush() {
    return out.flush();
  }
}
