/**
 * The I/O shell around one SwarmSession (src/swarm/session.js): it feeds the session the `swarm`
 * channels of a PeerMesh (open, message, close), a tick, and the SHA-256 of finished pieces
 * (WebCrypto, off the main thread), and carries out the commands it returns: sends, closes, piece
 * writes, bans. Uploads are pulled: while a channel has room below its high-water mark the shell
 * asks the session for the next requested block, reads it (PieceSource) and sends it as PIECE;
 * `bufferedamountlow` and the tick pull again.
 *
 * What to do with a manifest, a verified piece and completion is the job of a `sink` (download.js
 * writes to a PieceStore; a seed has nothing to write). An EngineTransfer (see ../engine.js).
 *
 * Events: those of engine.js, including the optional `peer-content` (on every HANDSHAKE, BITFIELD
 * and HAVE), `banned` {peerId, reason}, `warning` SwarmRtcError (MANIFEST_MISMATCH, NO_SEEDERS,
 * PIECES_UNAVAILABLE) and `availability` {stalled, missingPieces, unavailablePieces, pieceCount}
 * when a download stalls because no connected peer has a missing piece, and when it resumes.
 * @module swarm-engine/swarm-transfer
 */
import { Emitter } from '../emitter.js';
import { ErrorCodes, SwarmRtcError, toSwarmRtcError } from '../errors.js';
import { realScheduler } from '../scheduler.js';
import { StallMonitor, pieceAvailability } from '../swarm/availability.js';
import { toHex } from '../swarm/bytes.js';
import { GOODBYE, MAX_BLOCK_LENGTH, PIECE_HEADER_BYTES, TYPE_CODES, encode, encodePieceInto } from '../swarm/codec.js';
import { corruptUploads } from './test-hooks.js';

export const SWARM_LABEL = 'swarm';
/** How often the session gets onTick() and held-back uploads are pulled again. */
export const TICK_MS = 250;
/** Block reads in flight per peer (reads of cached pieces resolve at once). */
const MAX_READS_PER_PEER = 8;
/** A download that has found no peer with the content (or the missing pieces) for this long warns. */
const STALL_WARNING_MS = 5000;
/** Messages kept per peer while the transfer has not begun (the seed is still hashing). */
const MAX_EARLY_MESSAGES = 16;

/**
 * @typedef {object} TransferSink
 * @property {(manifest: import('../swarm/manifest.js').Manifest) => void} [manifest]
 * @property {(piece: number, data: Uint8Array, hash: (data: Uint8Array) => Promise<Uint8Array>) => Promise<Uint8Array>} [digest]
 *   hashes a complete piece (a store may write it meanwhile), else with `hash`
 * @property {(piece: number, data: Uint8Array) => void} [store] a verified piece
 * @property {() => void} [completed] every piece verified
 * @property {() => void} [close] the transfer closed (release what is open)
 */

/**
 * @typedef {object} PeerRecord
 * @property {string} peerId
 * @property {import('../channel.js').Channel} channel
 * @property {boolean} open
 * @property {boolean} gone
 * @property {Uint8Array[]} early messages that arrived before begin()
 * @property {number} reads block reads in flight
 * @property {number} readBytes their bytes
 * @property {() => void} stopListening
 */

/** @extends {Emitter<any>} */
export class SwarmTransfer extends Emitter {
  /**
   * @param {{mesh: import('../mesh.js').PeerMesh, scheduler?: import('../scheduler.js').Scheduler,
   *   digest?: (data: Uint8Array) => Promise<Uint8Array>, corrupt?: () => boolean}} options
   *   corrupt: whether to corrupt uploads (test hook, default: test-hooks.js)
   */
  constructor({ mesh, scheduler = realScheduler, digest = webCryptoSha256, corrupt = corruptUploads }) {
    super();
    this._corrupt = corrupt;
    this.mesh = mesh;
    this._sched = scheduler;
    this._digest = digest;
    /** @type {import('../swarm/session.js').SwarmSession|null} */
    this.session = null;
    /** @type {import('./piece-source.js').PieceSource|null} */
    this._source = null;
    /** @type {TransferSink} */
    this._sink = {};
    /** @type {Map<string, PeerRecord>} */
    this._peers = new Map();
    /** @type {Map<string, {up: number, down: number}>} payload bytes per peer, for the snapshot */
    this.peerBytes = new Map();
    /** @type {Set<string>} */
    this.banned = new Set();
    this.closed = false;
    /** @type {unknown} */ this._timer = null;
    this._stalledSince = null;
    this._stallWarned = false;
    this._stallMonitor = new StallMonitor({ stallMs: STALL_WARNING_MS });
    /** @type {Array<() => void>} */ this._unsubscribe = [];
    /** Every PIECE is framed here: the channel copies it during send (no allocation per block). */
    this._frame = new Uint8Array(PIECE_HEADER_BYTES + MAX_BLOCK_LENGTH);
    this._listen();
  }

  /**
   * Starts moving pieces. Until then (the seed may still be hashing) the transfer already holds
   * every `swarm` channel of the mesh and keeps what arrives on it, so no HANDSHAKE is lost.
   * @param {import('../swarm/session.js').SwarmSession} session
   * @param {import('./piece-source.js').PieceSource} source
   * @param {TransferSink} [sink]
   */
  begin(session, source, sink = {}) {
    if (this.closed || this.session) return;
    this.session = session;
    this._source = source;
    this._sink = sink;
    for (const r of [...this._peers.values()]) {
      if (!r.open || this._peers.get(r.peerId) !== r) continue;
      this._run(session.onPeerConnected(r.peerId));
      const early = r.early;
      r.early = [];
      for (const data of early) if (!r.gone && !this.closed) this._run(session.onData(r.peerId, data));
      this._pump(r);
    }
    this._timer = this._sched.setTimeout(() => this._tick(), TICK_MS);
  }

  _listen() {
    const mesh = this.mesh;
    this._unsubscribe.push(
      mesh.on('channel', ({ peerId, label, channel }) => { if (label === SWARM_LABEL) this._attach(peerId, channel); }),
      mesh.on('peer-left', ({ peerId }) => { const r = this._peers.get(peerId); if (r) this._detach(r); }),
    );
    for (const [peerId, channel] of mesh.channels(SWARM_LABEL)) this._attach(peerId, channel);
  }

  /**
   * What tests and diagnostics read: our verified pieces and those each connected peer announced
   * (BITFIELD layout, hex; null before the manifest), and the banned peers.
   */
  describe() {
    const s = this.session;
    const have = s?.have;
    const peers = (s?.peerIds() ?? []).map((peerId) => {
      const has = s.peer(peerId)?.has;
      return { peerId, pieces: has ? toHex(has.toWire()) : null };
    });
    return { pieces: have ? toHex(have.toWire()) : null, peers, banned: [...this.banned] };
  }

  /** Ends the transfer (the mesh is the caller's to close). Idempotent. */
  close() {
    if (this.closed) return;
    this.closed = true;
    if (this._timer !== null) this._sched.clearTimeout(this._timer);
    for (const off of this._unsubscribe) off();
    for (const r of [...this._peers.values()]) {
      if (r.open && this.session) this._send(r, encode({ type: 'GOODBYE', code: GOODBYE.NORMAL, reason: 'closed' }));
      this._forgetRecord(r);
    }
    this._sink.close?.();
    this.emit('close', undefined);
    this.removeAllListeners();
  }

  /** Ends the transfer with a terminal error (emitted once, before close). @param {unknown} err @param {string} code */
  fail(err, code = ErrorCodes.INTERNAL) {
    if (this.closed) return;
    this.emit('error', toSwarmRtcError(err, code));
    this.close();
  }

  // ---------------------------------------------------------------- channels

  /** @param {string} peerId @param {import('../channel.js').Channel} channel */
  _attach(peerId, channel) {
    if (this.closed) return;
    const old = this._peers.get(peerId);
    if (old?.channel === channel) return;
    if (old) this._detach(old);
    /** @type {PeerRecord} */
    const r = { peerId, channel, open: false, gone: false, early: [], reads: 0, readBytes: 0, stopListening: () => {} };
    this._peers.set(peerId, r);
    const onLow = () => this._pump(r);
    channel.dc.addEventListener?.('bufferedamountlow', onLow);
    const offs = [
      channel.on('message', (data) => this._onData(r, data)),
      channel.on('close', () => this._detach(r)),
      channel.on('open', () => this._opened(r)),
    ];
    r.stopListening = () => {
      for (const off of offs) off();
      channel.dc.removeEventListener?.('bufferedamountlow', onLow);
    };
    if (channel.readyState === 'open') this._opened(r);
  }

  /** @param {PeerRecord} r */
  _opened(r) {
    if (r.open || r.gone || this.closed) return;
    r.open = true;
    if (!this.session) return; // begin() announces it
    this._run(this.session.onPeerConnected(r.peerId));
    this._pump(r);
  }

  /** @param {PeerRecord} r */
  _detach(r) {
    if (r.gone || this._peers.get(r.peerId) !== r) return;
    this._forgetRecord(r);
    if (!this.closed && this.session) this._run(this.session.onPeerDisconnected(r.peerId));
  }

  /** @param {PeerRecord} r */
  _forgetRecord(r) {
    r.gone = true;
    r.stopListening();
    if (this._peers.get(r.peerId) === r) this._peers.delete(r.peerId);
  }

  /** @param {PeerRecord} r @param {ArrayBuffer|string} data */
  _onData(r, data) {
    if (r.gone || this.closed) return;
    if (typeof data === 'string') data = new TextEncoder().encode(data).buffer; // not ours: the session drops the peer
    const bytes = new Uint8Array(data);
    if (!this.session) {
      // Before begin() a peer has no reason to send more than a HANDSHAKE and a BITFIELD.
      if (r.early.push(bytes) > MAX_EARLY_MESSAGES) r.channel.close();
      return;
    }
    if (bytes[0] === TYPE_CODES.PIECE && bytes.length > PIECE_HEADER_BYTES) this._count(r.peerId, 'down', bytes.length - PIECE_HEADER_BYTES);
    this._run(this.session.onData(r.peerId, bytes));
    if (bytes[0] === TYPE_CODES.HAVE || bytes[0] === TYPE_CODES.BITFIELD || bytes[0] === TYPE_CODES.HANDSHAKE) this._announce(r.peerId);
    this._pump(r);
  }

  /** Emits `peer-content` (engine.js) for what a peer has announced so far. @param {string} peerId */
  _announce(peerId) {
    const p = this.session.peer(peerId);
    if (p && !this.closed) this.emit('peer-content', { peerId, hasManifest: p.hasManifest, verifiedPieces: p.pieceCount });
  }

  // ---------------------------------------------------------------- commands

  /** @param {ReadonlyArray<any>} commands */
  _run(commands) {
    for (const c of commands) {
      if (this.closed) return;
      switch (c.type) {
        case 'send': {
          const r = this._peers.get(c.peerId);
          if (r) this._send(r, encode(c.message));
          break;
        }
        case 'close': {
          const r = this._peers.get(c.peerId);
          if (r) {
            this._detach(r);
            r.channel.close(); // after the GOODBYE queued above: Chromium sends queued data first
          }
          break;
        }
        case 'verify': this._verify(c.piece, c.data); break;
        case 'store': this._sink.store?.(c.piece, c.data); break;
        case 'manifest':
          this._sink.manifest?.(c.manifest);
          for (const peerId of this.session.peerIds()) this._announce(peerId); // BITFIELDs kept until now count
          break;
        case 'completed': this._sink.completed?.(); break;
        case 'banned':
          this.banned.add(c.peerId);
          this.emit('banned', { peerId: c.peerId, reason: c.reason });
          break;
        case 'piece-failed': this.emit('piece-failed', { piece: c.piece, peerIds: c.peerIds }); break;
        case 'dropped':
          if (c.code === GOODBYE.WRONG_CONTENT && !this.session.manifest) {
            this.emit('warning', new SwarmRtcError(ErrorCodes.MANIFEST_MISMATCH, `peer ${c.peerId} has other content (${c.reason}); ignored`, { details: { peerId: c.peerId } }));
          }
          break;
        default: break;
      }
    }
  }

  /** @param {number} piece @param {Uint8Array} data */
  _verify(piece, data) {
    (this._sink.digest ? this._sink.digest(piece, data, this._digest) : this._digest(data)).then((digest) => {
      if (!this.closed) this._run(this.session.onPieceHashed(piece, data, digest));
    }, (err) => this.fail(err, ErrorCodes.STORAGE_FAILED));
  }

  /** @param {PeerRecord} r @param {Uint8Array} bytes */
  _send(r, bytes) {
    r.channel.send(bytes).catch(() => { /* closing: the channel's close event tells the session */ });
  }

  /** @param {string} peerId @param {'up'|'down'} direction @param {number} bytes */
  _count(peerId, direction, bytes) {
    let c = this.peerBytes.get(peerId);
    if (!c) this.peerBytes.set(peerId, (c = { up: 0, down: 0 }));
    c[direction] += bytes;
    this.emit('bytes', { direction, peerId, bytes });
  }

  // ---------------------------------------------------------------- uploads

  /** Pulls requested blocks for a peer while its channel has room. @param {PeerRecord} r */
  _pump(r) {
    if (!r.open || r.gone || this.closed || !this.session) return;
    const room = r.channel.highWaterMark;
    while (r.reads < MAX_READS_PER_PEER && r.channel.bufferedAmount + r.readBytes < room) {
      const b = this.session.nextUpload(r.peerId);
      if (!b) break;
      r.reads += 1;
      r.readBytes += b.length;
      this._source.block(b.piece, b.offset, b.length).then((data) => {
        r.reads -= 1;
        r.readBytes -= b.length;
        if (r.gone || this.closed) return;
        const message = encodePieceInto(this._frame, b.piece, b.offset, data);
        if (this._corrupt()) message[message.length - 1] ^= 0xff; // TEST HOOK (test-hooks.js)
        let sent = false;
        try {
          sent = r.channel.sendNow(message);
        } catch { /* closing: the channel's close event tells the session */ }
        if (!sent) this._send(r, message.slice()); // queued behind other sends: it needs its own copy
        this._count(r.peerId, 'up', b.length);
        this._pump(r);
      }, (err) => this.fail(err, ErrorCodes.STORAGE_FAILED));
    }
  }

  // ---------------------------------------------------------------- time

  _tick() {
    this._timer = null;
    if (this.closed) return;
    this._run(this.session.onTick());
    for (const r of [...this._peers.values()]) this._pump(r);
    this._checkStall();
    if (!this.closed) this._timer = this._sched.setTimeout(() => this._tick(), TICK_MS);
  }

  /**
   * With the manifest: reports (`availability`, and a PIECES_UNAVAILABLE warning) when no connected
   * peer has any piece still missing for a while, e.g. the only complete copy left, and when
   * pieces are available again. Before it: warns NO_SEEDERS once when connected peers lack it.
   */
  _checkStall() {
    const s = this.session;
    if (s.manifest) {
      this._checkPieceAvailability();
      return;
    }
    if (this._peers.size === 0) {
      this._stalledSince = null;
      return;
    }
    const now = this._sched.now();
    if (this._someoneHasWhatWeNeed()) {
      this._stalledSince = null;
      this._stallWarned = false;
    } else if (this._stalledSince === null) {
      this._stalledSince = now;
    } else if (!this._stallWarned && now - this._stalledSince >= STALL_WARNING_MS) {
      this._stallWarned = true;
      this.emit('warning', new SwarmRtcError(ErrorCodes.NO_SEEDERS, 'no connected peer has this content; waiting for the sharer'));
    }
  }

  _checkPieceAvailability() {
    const change = this._stallMonitor.update(this._sched.now(), pieceAvailability(this.session.have, this._handshakenPeers()));
    if (!change) return;
    this.emit('availability', change);
    if (change.stalled) {
      this.emit('warning', new SwarmRtcError(ErrorCodes.PIECES_UNAVAILABLE,
        `${change.unavailablePieces} of ${change.pieceCount} pieces are not available from any connected peer; waiting for someone who has them`,
        { details: { missingPieces: change.missingPieces, unavailablePieces: change.unavailablePieces, pieceCount: change.pieceCount } }));
    }
  }

  _handshakenPeers() {
    const s = this.session;
    return s.peerIds().map((id) => s.peer(id)).filter((p) => p && p.handshaken);
  }

  _someoneHasWhatWeNeed() {
    return this._handshakenPeers().some((p) => p.hasManifest);
  }
}

/** SHA-256 with WebCrypto (runs off the main thread). @param {Uint8Array} data */
export async function webCryptoSha256(data) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', /** @type {BufferSource} */ (data)));
}
