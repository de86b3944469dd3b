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
//
// The handlers live by purpose next to this file: session-manifest.js (fetching and serving the
// manifest), session-holdings.js (BITFIELD and HAVE: what each side holds), session-pieces.js
// (requests both ways, piece assembly and verification). They are functions of the session's
// internal state; only this class is public.
import { decode, GOODBYE, VERSION, handshake } from './codec.js';
import { Bitfield } from './bitfield.js';
import { BlockTracker, PeerState, PieceAvailability } from './tracker.js';
import { UploadScheduler } from './uploads.js';
import { sha256Sync } from './sha256.js';
import { toHex } from './bytes.js';
import { onManifestData, onManifestRequest, startManifestFetch } from './session-manifest.js';
import { onBitfield, onHave, sendBitfield } from './session-holdings.js';
import { onPiece, onRequest, refill, verifyPiece } from './session-pieces.js';

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
      refill(this);
    }
    return this._flush();
  }

  onPeerDisconnected(peerId) {
    if (this._peers.has(peerId)) {
      this._forget(peerId);
      refill(this);
    }
    return this._flush();
  }

  onTick() {
    if (this._fetch && this._now() - this._fetch.lastProgress >= this.config.requestTimeoutMs) {
      const silent = this._peers.get(this._fetch.peer); // not a violation: ask someone else, never it again
      if (silent) silent.hasManifest = false;
      this._fetch = null;
      startManifestFetch(this);
    }
    if (this._tracker) {
      const now = this._now();
      const timeout = this.config.requestTimeoutMs;
      for (const [peer, b] of this._tracker.expired(this._peers.values(), now, timeout)) {
        this._tracker.abandon(peer, b);
        peer.avoidUntil.set(`${b.piece}:${b.offset}:${b.length}`, now + timeout);
        this._send(peer.id, { type: 'CANCEL', ...b });
      }
      refill(this);
    }
    return this._flush();
  }

  /**
   * The SHA-256 of a piece the session asked to verify ({type:'verify'}). A result for data the
   * session has since discarded (its peer left, or the piece was re-fetched) is ignored.
   * @param {number} piece @param {Uint8Array} data the data of the verify command @param {Uint8Array} digest
   */
  onPieceHashed(piece, data, digest) {
    const a = this._tracker ? this._tracker.assembly(piece) : null;
    if (a && a.data === data && a.isComplete() && !this._have.get(piece)) {
      verifyPiece(this, a, digest);
      refill(this);
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
      case 'MANIFEST_REQUEST': return onManifestRequest(this, peer, m);
      case 'MANIFEST_DATA': return onManifestData(this, peer, m);
      case 'BITFIELD': return onBitfield(this, peer, m);
      case 'HAVE': return onHave(this, peer, m.piece);
      case 'REQUEST': return onRequest(this, peer, { piece: m.piece, offset: m.offset, length: m.length });
      case 'CANCEL': return this._uploads.cancel(peer.id, m);
      case 'PIECE': return onPiece(this, peer, m);
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
      if (this._manifest) sendBitfield(this, peer);
      else startManifestFetch(this);
    }
  }

  /** @package the manifest is known (at construction or fetched): set up piece state */
  _install(m, held) {
    this._manifest = m;
    this._manifestBytes = m.bytes;
    this._have = held;
    this._availability = new PieceAvailability(m.pieceCount);
    this._tracker = new BlockTracker(m, this.config.blockSize);
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
      startManifestFetch(this);
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
