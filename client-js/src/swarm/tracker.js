// Pieces in progress and requests in flight, kept consistent on both sides (mirror of the Java
// PieceAssembly, BlockTracker, PieceAvailability and PeerState). Internal to session.js.
import { blockLayout } from './manifest.js';
import { sentBlock } from './blame.js';

/** @typedef {{piece: number, offset: number, length: number}} BlockRef */

/** @param {BlockRef} b */
export const blockKey = (b) => `${b.piece}:${b.offset}:${b.length}`;

/** How many connected peers have each piece. */
export class PieceAvailability {
  /** @param {number} pieceCount */
  constructor(pieceCount) {
    this.counts = new Int32Array(pieceCount);
  }
  count(piece) { return this.counts[piece]; }
  add(has) { for (let i = 0; i < this.counts.length; i++) if (has.get(i)) this.counts[i]++; }
  remove(has) { for (let i = 0; i < this.counts.length; i++) if (has.get(i)) this.counts[i]--; }
  increment(piece) { this.counts[piece]++; }
}

/** What the session knows about one connected peer. */
export class PeerState {
  /** @param {string} id @param {number} seq connection order */
  constructor(id, seq) {
    this.id = id;
    this.seq = seq;
    this.handshaken = false;
    this.hasManifest = false;
    this.sentBitfield = false;
    this.receivedBitfield = false;
    /** @type {import('./bitfield.js').Bitfield|null} */ this.has = null;
    /** @type {Uint8Array|null} a BITFIELD received before we had the manifest */ this.pendingBitfield = null;
    /** @type {number[]} HAVEs received before we had the manifest */ this.pendingHaves = [];
    this.chokedUs = false;
    /** requests we sent and await: key -> {block, at} (insertion ordered) */ this.outstanding = new Map();
    /** requests we gave up on; a late PIECE for them is still welcome: key -> block */ this.abandoned = new Map();
    /** blocks not to ask this peer for until a time (ms): key -> until */ this.avoidUntil = new Map();
  }
  get pieceCount() { return this.has ? this.has.cardinality : 0; }
  get outstandingRequests() { return this.outstanding.size; }
  hasPiece(piece) { return this.has !== null && this.has.get(piece); }
  avoids(block, now) {
    const until = this.avoidUntil.get(blockKey(block));
    return until !== undefined && until > now;
  }
}

/** A piece being downloaded. */
export class PieceAssembly {
  /** @param {number} piece @param {ReturnType<typeof blockLayout>} layout */
  constructor(piece, layout) {
    this.piece = piece;
    this.layout = layout;
    /** @type {Uint8Array|null} */ this._data = null;
    /** @type {(string|null)[]} */ this._contributor = new Array(layout.count).fill(null);
    /** @type {Map<string, number>[]} peer -> requested at */ this._requestedFrom = Array.from({ length: layout.count }, () => new Map());
    this._received = 0;
    /** after a mixed-contributor failure the piece comes whole from one peer */ this.singleSource = false;
    /** @type {string|null} */ this.sourcePeer = null;
    /** blocks of failed mixed attempts, checked against the piece once it verifies */ this.suspectBlocks = [];
  }
  block(i) { return { piece: this.piece, offset: this.layout.offset(i), length: this.layout.length(i) }; }
  indexOf(b) {
    const i = this.layout.indexOf(b.offset);
    return i >= 0 && this.layout.length(i) === b.length ? i : -1;
  }
  get blockCount() { return this._contributor.length; }
  isReceived(i) { return this._contributor[i] !== null; }
  isRequested(i) { return this._requestedFrom[i].size > 0; }
  isRequestedFrom(i, peer) { return this._requestedFrom[i].has(peer); }
  requesters(i) { return [...this._requestedFrom[i].keys()]; }
  markRequested(i, peer, now) { this._requestedFrom[i].set(peer, now); }
  unmarkRequested(i, peer) { this._requestedFrom[i].delete(peer); }
  hasUnrequestedBlock() {
    for (let i = 0; i < this._contributor.length; i++) if (this._contributor[i] === null && this._requestedFrom[i].size === 0) return true;
    return false;
  }
  isStarted() {
    if (this._received > 0) return true;
    return this._requestedFrom.some((r) => r.size > 0);
  }
  /** Copies a block in; false if it was already here. @param {Uint8Array} bytes */
  receive(i, peer, bytes) {
    if (this._contributor[i] !== null) return false;
    if (this._data === null) this._data = new Uint8Array(this.layout.pieceLength);
    this._data.set(bytes.subarray(0, this.layout.length(i)), this.layout.offset(i));
    this._contributor[i] = peer;
    this._received++;
    return true;
  }
  isComplete() { return this._received === this._contributor.length; }
  get data() { return this._data; }
  /** distinct contributors in block order */
  contributors() { return [...new Set(this._contributor.filter((c) => c !== null))]; }
  /** Remembers who sent what, so that the verified piece can later expose the wrong blocks. */
  rememberSentBlocks() {
    for (let i = 0; i < this._contributor.length; i++) {
      this.suspectBlocks.push(sentBlock(this._contributor[i], this._data, this.layout.offset(i), this.layout.length(i)));
    }
  }
  discardData() {
    this._contributor.fill(null);
    this._received = 0;
    this._data = null;
  }
}

const MAX_ABANDONED_PER_PEER = 256;

export class BlockTracker {
  /** @param {import('./manifest.js').Manifest} manifest @param {number} blockSize */
  constructor(manifest, blockSize) {
    this.manifest = manifest;
    this.blockSize = blockSize;
    /** @type {Map<number, PieceAssembly>} */ this._active = new Map();
  }
  assembly(piece) { return this._active.get(piece) ?? null; }
  start(piece) {
    let a = this._active.get(piece);
    if (!a) {
      a = new PieceAssembly(piece, this.manifest.blocks(piece, this.blockSize));
      this._active.set(piece, a);
    }
    return a;
  }
  /** assemblies in ascending piece order (like the Java TreeMap) */
  active() { return [...this._active.values()].sort((x, y) => x.piece - y.piece); }
  finish(piece) { this._active.delete(piece); }
  request(peer, block, now) {
    const a = this.start(block.piece);
    a.markRequested(a.indexOf(block), peer.id, now);
    peer.outstanding.set(blockKey(block), { block, at: now });
    if (a.singleSource && a.sourcePeer === null) a.sourcePeer = peer.id;
  }
  /** Removes an outstanding request; returns whether it was outstanding. */
  settle(peer, block) {
    const key = blockKey(block);
    if (!peer.outstanding.delete(key)) return false;
    const a = this._active.get(block.piece);
    if (a) {
      const i = a.indexOf(block);
      if (i >= 0) a.unmarkRequested(i, peer.id);
    }
    return true;
  }
  /** Gives up on a request but keeps accepting a late answer. */
  abandon(peer, block) {
    if (this.settle(peer, block)) {
      peer.abandoned.set(blockKey(block), block);
      if (peer.abandoned.size > MAX_ABANDONED_PER_PEER) peer.abandoned.delete(peer.abandoned.keys().next().value);
    }
  }
  dropPeer(peer) {
    for (const { block } of [...peer.outstanding.values()]) this.settle(peer, block);
    for (const a of this._active.values()) {
      if (a.sourcePeer === peer.id) {
        a.sourcePeer = null;
        a.discardData();
      }
    }
  }
  /** [peer, block] pairs older than timeoutMs, peers in order */
  expired(peers, now, timeoutMs) {
    const out = [];
    for (const p of peers) for (const { block, at } of p.outstanding.values()) if (now - at >= timeoutMs) out.push([p, block]);
    return out;
  }
  everyMissingBlockRequested(have) {
    for (let p = 0; p < have.size; p++) {
      if (!have.get(p)) {
        const a = this._active.get(p);
        if (!a || a.hasUnrequestedBlock()) return false;
      }
    }
    return true;
  }
}
