// Shared helpers of the swarm policy tests (mirrors of the Java Fixture, MutableClock and
// SwarmSimulation). node --test runs every file under test/, so this one carries a test too.
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';
import { createManifest } from '../src/swarm/manifest.js';
import { sha256Sync } from '../src/swarm/sha256.js';
import { Bitfield } from '../src/swarm/bitfield.js';
import { SwarmSession } from '../src/swarm/session.js';
import { decode, encode, handshake } from '../src/swarm/codec.js';
import { toHex } from '../src/swarm/bytes.js';

export const PIECE_SIZE = 32 * 1024;
export const BLOCK = 16 * 1024;

/** Deterministic pseudo-random bytes. */
export function randomBytes(n, seed) {
  const out = new Uint8Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 16;
  }
  return out;
}

/** A manifest over deterministic content, a clock, and helpers to script peers. */
export class Fixture {
  constructor(pieces) {
    this.content = randomBytes(pieces * PIECE_SIZE - 100, pieces);
    const hashes = [];
    for (let p = 0; p < pieces; p++) hashes.push(sha256Sync(this.content.subarray(p * PIECE_SIZE, Math.min((p + 1) * PIECE_SIZE, this.content.length))));
    this.manifest = createManifest({ name: 'fixture', files: [{ path: 'f.bin', size: this.content.length }], pieceSize: PIECE_SIZE, pieceHashes: hashes });
    this.contentId = toHex(sha256Sync(this.manifest.bytes));
    this.time = Date.parse('2026-01-01T00:00:00Z');
    this.now = () => this.time;
  }

  static config(maxOutstandingPerPeer) {
    return { blockSize: BLOCK, maxOutstandingPerPeer };
  }

  downloader(maxOutstanding) {
    return SwarmSession.resuming(this.manifest, new Bitfield(this.manifest.pieceCount), Fixture.config(maxOutstanding), this.now);
  }

  all() {
    return [...Array(this.manifest.pieceCount).keys()];
  }

  /** Connects a scripted peer that has the given pieces; a choking one sends CHOKE before its bitfield. */
  connect(s, peer, pieces, choking = false) {
    const has = new Bitfield(this.manifest.pieceCount);
    for (const p of pieces) has.set(p);
    const out = [...s.onPeerConnected(peer), ...s.onMessage(peer, handshake(this.contentId, true))];
    if (choking) out.push(...s.onMessage(peer, { type: 'CHOKE' }));
    out.push(...s.onMessage(peer, { type: 'BITFIELD', bits: has.toWire() }));
    return out;
  }

  /** The PIECE answering a request, with true or corrupted bytes. */
  answer(r, corrupt = false) {
    const from = r.piece * PIECE_SIZE + r.offset;
    const data = this.content.slice(from, from + r.length);
    if (corrupt) data[0] ^= 1;
    return { type: 'PIECE', piece: r.piece, offset: r.offset, data };
  }

  /** The expected bytes of a piece. */
  pieceBytes(piece) {
    return this.content.subarray(piece * PIECE_SIZE, piece * PIECE_SIZE + this.manifest.pieceLength(piece));
  }
}

/** Messages of a type sent to a peer, without their type field. */
export function sent(commands, peer, type) {
  return commands.filter((c) => c.type === 'send' && c.peerId === peer && c.message.type === type).map((c) => {
    const { type: _t, ...rest } = c.message;
    return rest;
  });
}

export function ofType(commands, type) {
  return commands.filter((c) => c.type === type);
}

/**
 * A deterministic in-memory swarm (mirror of the Java SwarmSimulation): lossless ordered links,
 * every message encoded and decoded, upload limited per node in blocks per tick.
 */
export class Simulation {
  static TICK_MS = 100;

  constructor() {
    this.time = Date.parse('2026-01-01T00:00:00Z');
    this.now = () => this.time;
    /** @type {Map<string, any>} */ this.nodes = new Map();
    this.inFlight = [];
    this.ticks = 0;
    /** every delivered message (from, to, bytes) in order, for comparing traces with Java */
    this.traceParts = [];
  }

  /** Hex SHA-256 over the trace (same layout as the Java SwarmSimulation.traceHex). */
  traceHex() {
    const enc = new TextEncoder();
    const parts = this.traceParts.flatMap(({ from, to, bytes }) => [enc.encode(`${from}>${to}:`), bytes]);
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) { all.set(p, o); o += p.length; }
    return toHex(sha256Sync(all));
  }

  add(id, session, storage, uploadBlocksPerTick) {
    const n = { id, session, links: new Set(), storage, uploadBlocksPerTick, uploading: true, uploadLimitBytes: Infinity, uploadedBytes: 0, uploadedBlocks: new Map(), completed: false };
    this.nodes.set(id, n);
    return n;
  }

  connect(a, b) {
    this.nodes.get(a).links.add(b);
    this.nodes.get(b).links.add(a);
    this._execute(this.nodes.get(a), this.nodes.get(a).session.onPeerConnected(b));
    this._execute(this.nodes.get(b), this.nodes.get(b).session.onPeerConnected(a));
  }

  leave(id) {
    const n = this.nodes.get(id);
    this.nodes.delete(id);
    for (const other of [...n.links].sort()) {
      const o = this.nodes.get(other);
      if (o) {
        o.links.delete(id);
        this._execute(o, o.session.onPeerDisconnected(id));
      }
    }
  }

  tick() {
    this.ticks++;
    this._deliver();
    for (const n of [...this.nodes.values()]) this._upload(n);
    this.time += Simulation.TICK_MS;
    for (const n of [...this.nodes.values()]) this._execute(n, n.session.onTick());
  }

  drain() {
    while (this.inFlight.length > 0) this._deliver();
  }

  _deliver() {
    const now = this.inFlight;
    this.inFlight = [];
    for (const d of now) {
      const to = this.nodes.get(d.to);
      if (to && to.links.has(d.from)) {
        this.traceParts.push(d);
        this._execute(to, to.session.onData(d.from, d.bytes));
      }
    }
  }

  _upload(n) {
    if (!n.uploading || !n.session.manifest) return;
    let budget = n.uploadBlocksPerTick;
    let progress = true;
    while (budget > 0 && progress && n.uploadedBytes < n.uploadLimitBytes) {
      progress = false;
      for (const peer of [...n.links].sort()) {
        if (budget === 0 || n.uploadedBytes >= n.uploadLimitBytes) break;
        const b = n.session.nextUpload(peer);
        if (b) {
          const at = n.session.manifest.pieceOffset(b.piece) + b.offset;
          this._send(n, peer, { type: 'PIECE', piece: b.piece, offset: b.offset, data: n.storage.subarray(at, at + b.length) });
          n.uploadedBytes += b.length;
          const key = `${b.piece}:${b.offset}`;
          n.uploadedBlocks.set(key, (n.uploadedBlocks.get(key) ?? 0) + 1);
          budget--;
          progress = true;
        }
      }
    }
  }

  _send(from, to, message) {
    if (from.links.has(to)) this.inFlight.push({ from: from.id, to, bytes: encode(message) });
  }

  _execute(n, commands) {
    for (const c of commands) {
      if (c.type === 'send') this._send(n, c.peerId, c.message);
      else if (c.type === 'close') {
        n.links.delete(c.peerId);
        const other = this.nodes.get(c.peerId);
        if (other && other.links.delete(n.id)) this._execute(other, other.session.onPeerDisconnected(n.id));
      } else if (c.type === 'manifest') n.storage = new Uint8Array(c.manifest.totalSize);
      else if (c.type === 'store') n.storage.set(c.data, n.session.manifest.pieceOffset(c.piece));
      else if (c.type === 'completed') n.completed = true;
    }
  }
}

// Only when node --test runs this file itself, not when another test file imports it.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  test('the fixture content matches its manifest', () => {
    const f = new Fixture(3);
    for (let p = 0; p < 3; p++) assert.ok(f.manifest.pieceHashEquals(p, sha256Sync(f.pieceBytes(p))));
    assert.equal(decode(encode(handshake(f.contentId, true))).contentId, f.contentId);
  });
}
