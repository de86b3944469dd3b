// The swarm protocol as a pure state machine, mirror of the Java io.swarmrtc.swarm.SwarmSession.
// The I/O shell feeds it events and executes the commands each call returns, in order. No I/O, no
// timers: time comes from the injected `now` function. Call it from one event loop.
//
//   const s = SwarmSession.downloading(link.content);
//   run(s.onPeerConnected(peerId));          // swarm channel open
//   run(s.onData(peerId, event.data));       // every channel message (ArrayBuffer or Uint8Array)
//   run(s.onTick());                         // every second or so
//   for (let b; channelHasRoom() && (b = s.nextUpload(peerId)); ) sendPiece(peerId, b);
//   run(s.onPeerDisconnected(peerId));       // channel closed
//
// Commands: {type:'send', peerId, message} (encode with codec.encode and send),
// {type:'close', peerId}, {type:'store', piece, data} (a verified piece: write it; the session
// serves it from storage via nextUpload), {type:'manifest', manifest}, {type:'banned', peerId, reason},
// {type:'dropped', peerId, code, reason}, {type:'piece-failed', piece, peerIds} (a piece failed its
// SHA-256 check and is fetched again), {type:'completed'} (once).
// With config.externalVerification the session does not hash pieces itself: it emits
// {type:'verify', piece, data} and waits for onPieceHashed(piece, data, digest), so an I/O shell can
// hash with WebCrypto off the main thread (about 10x faster than the synchronous fallback).
// Uploads are pulled: after every call, and whenever a channel drains below its low watermark, ask
// nextUpload(peerId) for blocks to read from storage and send as PIECE.
import { decode, GOODBYE, MAX_MANIFEST_CHUNK, VERSION, handshake } from './codec.js';
import { decodeManifest } from './manifest.js';
import { Bitfield } from './bitfield.js';
import { BlockTracker, PeerState, PieceAvailability } from './tracker.js';
import { pickBlocks, pickOrder } from './picker.js';
import { UploadScheduler } from './uploads.js';
import { sha256Sync } from './sha256.js';
import { toHex } from './bytes.js';
import { blame, liars } from './blame.js';

/** Tunables; the defaults follow docs/swarm-protocol.md. */
export const DEFAULT_CONFIG = Object.freeze({
  blockSize: 65536,
  maxOutstandingPerPeer: 16,
  requestTimeoutMs: 30000,
  maxUploadQueuePerPeer: 64,
  uploadHoldBackMs: 1000,
  /** after a REJECT, ask others first for this long before asking that peer again */
  rejectBackoffMs: 2000,
  /** true: emit {type:'verify'} and wait for onPieceHashed (WebCrypto in the browser engine) */
  externalVerification: false,
});

/** HAVEs kept per peer while the manifest is unknown (a 64 MiB manifest has at most ~2M pieces). */
const MAX_PENDING_HAVES = 1 << 21;

export class SwarmSession {
  /** @private */
  constructor(contentId, manifest, have, config, now) {
    this.contentId = contentId;
    this.config = Object.freeze({ ...DEFAULT_CONFIG, ...config });
    this._now = now;
    /** @type {Map<string, PeerState>} */ this._peers = new Map();
    this._banned = new Set();
    this._weChoke = new Set();
    this._uploads = new UploadScheduler();
    this._manifest = null;
    this._manifestBytes = null;
    this._have = null;
    this._availability = null;
    this._tracker = null;
    this._fetch = null; // {peer, buffer, received}
    this._completed = false;
    this._connections = 0;
    this._out = [];
    if (manifest) {
      this._install(manifest, have);
      this._completed = have.isComplete();
    }
  }

  /**
   * A sharer: has every piece.
   * @param {import('./manifest.js').Manifest} manifest
   * @param {Partial<typeof DEFAULT_CONFIG>} [config]
   * @param {() => number} [now] clock in ms
   */
  static seeding(manifest, config = {}, now = Date.now) {
    return new SwarmSession(toHex(sha256Sync(manifest.bytes)), manifest, Bitfield.full(manifest.pieceCount), config, now);
  }

  /** Knows the manifest and holds the verified pieces in have. @param {Bitfield} have */
  static resuming(manifest, have, config = {}, now = Date.now) {
    if (have.size !== manifest.pieceCount) throw new RangeError('bitfield size does not match the manifest');
    return new SwarmSession(toHex(sha256Sync(manifest.bytes)), manifest, have.copy(), config, now);
  }

  /** Knows only the content id (64 hex chars, from the share URL) and fetches the manifest first. @param {string} contentId */
  static downloading(contentId, config = {}, now = Date.now) {
    return new SwarmSession(contentId, null, null, config, now);
  }

  // ---- events ----

  onPeerConnected(peerId) {
    if (this._banned.has(peerId)) {
      this._send(peerId, { type: 'GOODBYE', code: GOODBYE.BANNED, reason: 'banned' });
      this._out.push({ type: 'close', peerId });
    } else if (!this._peers.has(peerId)) {
      this._peers.set(peerId, new PeerState(peerId, this._connections++));
      this._send(peerId, handshake(this.contentId, this._manifest !== null));
    }
    return this._flush();
  }

  /**
   * A message arrived on the peer's swarm channel (set channel.binaryType = 'arraybuffer'). The
   * session copies whatever it keeps; no returned command refers to data.
   * @param {string} peerId @param {ArrayBuffer|ArrayBufferView} data
   */
  onData(peerId, data) {
    let m;
    try {
      m = decode(data);
    } catch (e) {
      if (this._peers.has(peerId)) this._drop(peerId, GOODBYE.PROTOCOL_VIOLATION, `undecodable ${e.field}: ${e.message}`);
      return this._flush();
    }
    return this.onMessage(peerId, m);
  }

  onMessage(peerId, message) {
    const peer = this._peers.get(peerId);
    if (peer) {
      if (!peer.handshaken && message.type !== 'HANDSHAKE' && message.type !== 'GOODBYE') {
        this._drop(peerId, GOODBYE.PROTOCOL_VIOLATION, `${message.type} before HANDSHAKE`);
      } else {
        this._dispatch(peer, message);
      }
      this._refill();
    }
    return this._flush();
  }

  onPeerDisconnected(peerId) {
    if (this._peers.has(peerId)) {
      this._forget(peerId);
      this._refill();
    }
    return this._flush();
  }

  onTick() {
    if (this._fetch && this._now() - this._fetch.lastProgress >= this.config.requestTimeoutMs) {
      const silent = this._peers.get(this._fetch.peer); // not a violation: ask someone else, never it again
      if (silent) silent.hasManifest = false;
      this._fetch = null;
      this._startManifestFetch();
    }
    if (this._tracker) {
      const now = this._now();
      const timeout = this.config.requestTimeoutMs;
      for (const [peer, b] of this._tracker.expired(this._peers.values(), now, timeout)) {
        this._tracker.abandon(peer, b);
        peer.avoidUntil.set(`${b.piece}:${b.offset}:${b.length}`, now + timeout);
        this._send(peer.id, { type: 'CANCEL', ...b });
      }
      this._refill();
    }
    return this._flush();
  }

  choke(peerId) {
    if (this._peers.has(peerId) && !this._weChoke.has(peerId)) {
      this._weChoke.add(peerId);
      this._uploads.clear(peerId);
      this._send(peerId, { type: 'CHOKE' });
    }
    return this._flush();
  }

  unchoke(peerId) {
    if (this._peers.has(peerId) && this._weChoke.delete(peerId)) this._send(peerId, { type: 'UNCHOKE' });
    return this._flush();
  }

  /** The next block to send as PIECE, or null (call again after the next event or tick). */
  nextUpload(peerId) {
    return this._peers.has(peerId) ? this._uploads.next(peerId, this._now(), this.config.uploadHoldBackMs) : null;
  }

  queuedUploads(peerId) {
    return this._uploads.queued(peerId);
  }

  // ---- state for display ----

  /** @returns {import('./manifest.js').Manifest|null} */
  get manifest() { return this._manifest; }
  /** A copy of the verified pieces, or null before the manifest. */
  get have() { return this._have ? this._have.copy() : null; }
  get isComplete() { return this._completed; }
  peer(peerId) { return this._peers.get(peerId) ?? null; }
  peerIds() { return [...this._peers.keys()]; }
  isBanned(peerId) { return this._banned.has(peerId); }

  // ---- dispatch ----

  _dispatch(peer, m) {
    switch (m.type) {
      case 'HANDSHAKE': return this._onHandshake(peer, m);
      case 'GOODBYE':
        this._out.push({ type: 'close', peerId: peer.id });
        return this._forget(peer.id);
      case 'MANIFEST_REQUEST': return this._onManifestRequest(peer, m);
      case 'MANIFEST_DATA': return this._onManifestData(peer, m);
      case 'BITFIELD': return this._onBitfield(peer, m);
      case 'HAVE': return this._onHave(peer, m.piece);
      case 'REQUEST': return this._onRequest(peer, { piece: m.piece, offset: m.offset, length: m.length });
      case 'CANCEL': return this._uploads.cancel(peer.id, m);
      case 'PIECE': return this._onPiece(peer, m);
      case 'REJECT': {
        const b = { piece: m.piece, offset: m.offset, length: m.length };
        if (this._tracker && this._tracker.settle(peer, b)) peer.avoidUntil.set(`${b.piece}:${b.offset}:${b.length}`, this._now() + this.config.rejectBackoffMs);
        peer.abandoned.delete(`${b.piece}:${b.offset}:${b.length}`);
        return undefined;
      }
      case 'CHOKE':
        peer.chokedUs = true;
        if (this._tracker) for (const { block } of [...peer.outstanding.values()]) this._tracker.abandon(peer, block);
        return undefined;
      case 'UNCHOKE':
        peer.chokedUs = false;
        peer.avoidUntil.clear();
        return undefined;
      default: return undefined;
    }
  }

  _onHandshake(peer, h) {
    if (peer.handshaken) {
      this._drop(peer.id, GOODBYE.PROTOCOL_VIOLATION, 'second HANDSHAKE');
    } else if (h.version !== VERSION) {
      this._drop(peer.id, GOODBYE.VERSION_NOT_SUPPORTED, `version ${h.version} not supported`);
    } else if (h.contentId !== this.contentId) {
      this._drop(peer.id, GOODBYE.WRONG_CONTENT, 'wrong content id');
    } else {
      peer.handshaken = true;
      peer.hasManifest = (h.flags & 1) !== 0;
      if (this._manifest) this._sendBitfield(peer);
      else this._startManifestFetch();
    }
  }

  _onManifestRequest(peer, r) {
    if (!this._manifest) {
      this._drop(peer.id, GOODBYE.PROTOCOL_VIOLATION, 'MANIFEST_REQUEST to a peer without the manifest');
    } else if (r.offset > this._manifestBytes.length) {
      this._drop(peer.id, GOODBYE.PROTOCOL_VIOLATION, 'MANIFEST_REQUEST past the end');
    } else {
      const n = Math.min(MAX_MANIFEST_CHUNK, this._manifestBytes.length - r.offset);
      this._send(peer.id, { type: 'MANIFEST_DATA', totalLength: this._manifestBytes.length, offset: r.offset, bytes: this._manifestBytes.subarray(r.offset, r.offset + n) });
    }
  }

  _onManifestData(peer, d) {
    const f = this._fetch;
    if (!f || f.peer !== peer.id) return this._drop(peer.id, GOODBYE.PROTOCOL_VIOLATION, 'unrequested MANIFEST_DATA');
    let problem = null;
    if (f.buffer === null) {
      if (d.totalLength === 0) problem = 'empty manifest';
      else f.buffer = new Uint8Array(d.totalLength);
    } else if (d.totalLength !== f.buffer.length) problem = 'totalLength changed';
    if (!problem && d.offset !== f.received) problem = `chunk at ${d.offset}, expected ${f.received}`;
    if (!problem && d.bytes.length === 0) problem = 'empty chunk before the end';
    if (problem) return this._drop(peer.id, GOODBYE.PROTOCOL_VIOLATION, `MANIFEST_DATA: ${problem}`);
    f.buffer.set(d.bytes, f.received);
    f.received += d.bytes.length;
    if (f.received < f.buffer.length) {
      f.lastProgress = this._now();
      return this._send(peer.id, { type: 'MANIFEST_REQUEST', offset: f.received });
    }
    this._fetch = null;
    let m = null;
    if (toHex(sha256Sync(f.buffer)) === this.contentId) {
      try {
        m = decodeManifest(f.buffer);
      } catch {
        m = null;
      }
    }
    if (!m) {
      this._drop(peer.id, GOODBYE.WRONG_CONTENT, 'manifest does not match the content id');
      return this._startManifestFetch();
    }
    this._install(m, new Bitfield(m.pieceCount));
    this._out.push({ type: 'manifest', manifest: m });
    for (const p of [...this._peers.values()]) {
      if (p.handshaken && this._peers.has(p.id)) {
        this._sendBitfield(p);
        if (p.pendingBitfield) {
          const pending = p.pendingBitfield;
          p.pendingBitfield = null;
          this._acceptBitfield(p, pending);
        }
        const haves = p.pendingHaves;
        p.pendingHaves = [];
        for (const piece of haves) if (this._peers.has(p.id)) this._onHave(p, piece);
      }
    }
    if (m.pieceCount === 0) this._complete();
    return undefined;
  }

  _install(m, held) {
    this._manifest = m;
    this._manifestBytes = m.bytes;
    this._have = held;
    this._availability = new PieceAvailability(m.pieceCount);
    this._tracker = new BlockTracker(m, this.config.blockSize);
  }

  _startManifestFetch() {
    if (this._manifest || this._fetch) return;
    for (const p of this._peers.values()) {
      if (p.handshaken && p.hasManifest) {
        this._fetch = { peer: p.id, buffer: null, received: 0, lastProgress: this._now() };
        this._send(p.id, { type: 'MANIFEST_REQUEST', offset: 0 });
        return;
      }
    }
  }

  _sendBitfield(peer) {
    if (!peer.sentBitfield) {
      peer.sentBitfield = true;
      this._send(peer.id, { type: 'BITFIELD', bits: this._have.toWire() });
    }
  }

  _onBitfield(peer, b) {
    if (peer.receivedBitfield) {
      this._drop(peer.id, GOODBYE.PROTOCOL_VIOLATION, 'second BITFIELD');
    } else if (!this._manifest) {
      peer.receivedBitfield = true;
      peer.pendingBitfield = b.bits.slice(); // the input buffer is transient
    } else {
      this._acceptBitfield(peer, b.bits);
    }
  }

  _acceptBitfield(peer, bits) {
    peer.receivedBitfield = true;
    let parsed;
    try {
      parsed = Bitfield.fromWire(bits, this._manifest.pieceCount);
    } catch (e) {
      return this._drop(peer.id, GOODBYE.PROTOCOL_VIOLATION, `BITFIELD: ${e.message}`);
    }
    if (peer.has) {
      for (let i = 0; i < peer.has.size; i++) if (peer.has.get(i)) parsed.set(i);
      this._availability.remove(peer.has);
    }
    peer.has = parsed;
    this._availability.add(parsed);
    return undefined;
  }

  _onHave(peer, piece) {
    if (!this._manifest) {
      if (peer.pendingHaves.length >= MAX_PENDING_HAVES) return this._drop(peer.id, GOODBYE.PROTOCOL_VIOLATION, 'too many HAVEs before we could know the manifest');
      peer.pendingHaves.push(piece); // checked once the manifest arrives
      return undefined;
    }
    if (piece >= this._manifest.pieceCount) return this._drop(peer.id, GOODBYE.PROTOCOL_VIOLATION, `HAVE for piece ${piece} of ${this._manifest.pieceCount}`);
    if (!peer.has) peer.has = new Bitfield(this._manifest.pieceCount);
    if (peer.has.set(piece)) this._availability.increment(piece);
    for (const other of this._peers.values()) {
      if (other !== peer) for (const b of this._uploads.redirect(other.id, piece)) this._send(other.id, { type: 'REJECT', ...b });
    }
    return undefined;
  }

  _onRequest(peer, b) {
    if (!this._manifest) return this._drop(peer.id, GOODBYE.PROTOCOL_VIOLATION, 'REQUEST before we have the manifest');
    if (b.piece >= this._manifest.pieceCount || b.offset + b.length > this._manifest.pieceLength(b.piece)) {
      return this._drop(peer.id, GOODBYE.PROTOCOL_VIOLATION, `REQUEST outside the manifest: ${b.piece}:${b.offset}:${b.length}`);
    }
    if (!this._have.get(b.piece) || this._weChoke.has(peer.id)
        || !this._uploads.enqueue(peer.id, b, this.config.maxUploadQueuePerPeer, this._now())) {
      this._send(peer.id, { type: 'REJECT', ...b });
    }
    return undefined;
  }

  _onPiece(peer, p) {
    const b = { piece: p.piece, offset: p.offset, length: p.data.length };
    const key = `${b.piece}:${b.offset}:${b.length}`;
    if (!this._tracker || !(this._tracker.settle(peer, b) || peer.abandoned.delete(key))) {
      return this._drop(peer.id, GOODBYE.PROTOCOL_VIOLATION, `PIECE nobody requested: ${key}`);
    }
    const a = this._tracker.assembly(b.piece);
    if (this._have.get(b.piece) || !a) return undefined; // a late duplicate
    const index = a.indexOf(b);
    if (index < 0 || (a.singleSource && a.sourcePeer !== peer.id)) return undefined;
    if (!a.receive(index, peer.id, p.data)) return undefined;
    for (const other of a.requesters(index)) { // endgame duplicates
      const o = this._peers.get(other);
      if (o) {
        this._tracker.abandon(o, b);
        this._send(other, { type: 'CANCEL', ...b });
      }
    }
    if (a.isComplete()) {
      if (this.config.externalVerification) this._out.push({ type: 'verify', piece: a.piece, data: a.data });
      else this._verify(a, sha256Sync(a.data));
    }
    return undefined;
  }

  /**
   * The SHA-256 of a piece the session asked to verify ({type:'verify'}). A result for data the
   * session has since discarded (its peer left, or the piece was re-fetched) is ignored.
   * @param {number} piece @param {Uint8Array} data the data of the verify command @param {Uint8Array} digest
   */
  onPieceHashed(piece, data, digest) {
    const a = this._tracker ? this._tracker.assembly(piece) : null;
    if (a && a.data === data && a.isComplete() && !this._have.get(piece)) {
      this._verify(a, digest);
      this._refill();
    }
    return this._flush();
  }

  _verify(a, digest) {
    if (this._manifest.pieceHashEquals(a.piece, digest)) {
      for (const liar of liars(a.data, a.suspectBlocks)) this._ban(liar, `sent a wrong block of piece ${a.piece}`);
      this._tracker.finish(a.piece);
      this._have.set(a.piece);
      this._out.push({ type: 'store', piece: a.piece, data: a.data });
      for (const p of this._peers.values()) if (p.sentBitfield) this._send(p.id, { type: 'HAVE', piece: a.piece });
      if (this._have.isComplete()) this._complete();
      return;
    }
    const contributors = a.contributors();
    this._out.push({ type: 'piece-failed', piece: a.piece, peerIds: contributors });
    const verdict = blame(contributors);
    if (verdict.refetchFromSinglePeer) a.rememberSentBlocks();
    a.discardData();
    a.singleSource = verdict.refetchFromSinglePeer;
    a.sourcePeer = null;
    for (const p of verdict.ban) this._ban(p, `piece ${a.piece} failed verification`);
  }

  _complete() {
    if (!this._completed) {
      this._completed = true;
      this._out.push({ type: 'completed' });
    }
  }

  // ---- requests ----

  _refill() {
    if (!this._manifest || this._have.isComplete()) return;
    const now = this._now();
    let order = null;
    const layouts = (piece) => this._manifest.blocks(piece, this.config.blockSize);
    for (const peer of this._peers.values()) {
      const slots = this.config.maxOutstandingPerPeer - peer.outstanding.size;
      if (slots <= 0 || !peer.handshaken || !peer.has || peer.chokedUs) continue;
      if (!order) order = pickOrder(this._have, this._availability, this._tracker);
      let picks = pickBlocks(peer, slots, order, this._tracker, layouts, false, now);
      if (picks.length < slots && this._tracker.everyMissingBlockRequested(this._have)) {
        this._apply(peer, picks, now);
        picks = pickBlocks(peer, slots - picks.length, order, this._tracker, layouts, true, now);
      }
      this._apply(peer, picks, now);
    }
  }

  _apply(peer, picks, now) {
    for (const b of picks) {
      this._tracker.request(peer, b, now);
      this._send(peer.id, { type: 'REQUEST', piece: b.piece, offset: b.offset, length: b.length });
    }
  }

  // ---- peers ----

  _ban(peerId, reason) {
    if (this._banned.has(peerId)) return;
    this._banned.add(peerId);
    this._out.push({ type: 'banned', peerId, reason });
    if (this._peers.has(peerId)) {
      this._send(peerId, { type: 'GOODBYE', code: GOODBYE.BAD_PIECE, reason });
      this._out.push({ type: 'close', peerId });
      this._forget(peerId);
    }
  }

  _drop(peerId, code, reason) {
    this._send(peerId, { type: 'GOODBYE', code, reason: reason.length > 200 ? reason.slice(0, 200) : reason });
    this._out.push({ type: 'close', peerId });
    this._out.push({ type: 'dropped', peerId, code, reason });
    this._forget(peerId);
  }

  _forget(peerId) {
    const p = this._peers.get(peerId);
    if (!p) return;
    this._peers.delete(peerId);
    if (p.has) this._availability.remove(p.has);
    if (this._tracker) this._tracker.dropPeer(p);
    this._uploads.dropPeer(peerId);
    this._weChoke.delete(peerId);
    if (this._fetch && this._fetch.peer === peerId) {
      this._fetch = null;
      this._startManifestFetch();
    }
  }

  _send(peerId, message) {
    this._out.push({ type: 'send', peerId, message });
  }

  _flush() {
    const out = this._out;
    this._out = [];
    return out;
  }
}
