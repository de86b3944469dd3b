// The browser swarm engine (src/swarm-engine/) over an in-process network of real Channel
// wrappers: seeding from Blobs, fetching into a MemoryStore, verification, bans, serving while
// downloading. The session's policy has its own tests (swarm-*.test.js).
import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { seed, fetch } from '../src/swarm-engine/index.js';
import { MemoryStore } from '../src/storage/memory.js';
import { FakeMesh, connect, pseudoRandom } from './support/fake-swarm-net.js';
import { FakeScheduler } from './support/fakes.js';

const PIECE = 16 * 1024;
const open = [];
afterEach(() => { for (const t of open.splice(0)) t.close(); });

/** Resolves with the first payload of `event`, rejects on `error` or after `ms`. */
function next(transfer, event, ms = 10_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    transfer.on(event, (v) => { clearTimeout(timer); resolve(v); });
    transfer.on('error', (e) => { clearTimeout(timer); reject(e); });
    transfer.on('close', () => { clearTimeout(timer); reject(new Error(`closed before ${event}`)); });
  });
}

async function sharing(mesh, content, options = {}) {
  const t = seed({ files: [new File([content], 'data.bin')], mesh, pieceSize: PIECE, ...options });
  open.push(t);
  const manifest = await next(t, 'manifest');
  return { t, manifest };
}

function downloading(mesh, contentId, options = {}) {
  const t = fetch({ contentId, mesh, openStore: async (g) => new MemoryStore(g), ...options });
  open.push(t);
  const log = { progress: [], bytes: [], failed: [], banned: [], warnings: [] };
  t.on('progress', (p) => log.progress.push(p));
  t.on('bytes', (b) => log.bytes.push(b));
  t.on('piece-failed', (f) => log.failed.push(f));
  t.on('banned', (b) => log.banned.push(b.peerId));
  t.on('warning', (w) => log.warnings.push(w.code));
  const done = next(t, 'done');
  done.catch(() => {}); // awaited by the tests that expect it
  return { t, log, done };
}

const bytesOf = async (blob) => new Uint8Array(await blob.arrayBuffer());
const fromPeer = (log, peerId) => log.bytes.filter((b) => b.direction === 'down' && b.peerId === peerId).reduce((s, b) => s + b.bytes, 0);

describe('swarm engine', () => {
  it('a downloader gets the manifest from the sharer, verifies every piece and ends with exactly the content', async () => {
    const content = pseudoRandom(40 * PIECE + 123, 1);
    const [sharer, alice] = [new FakeMesh('sharer'), new FakeMesh('alice')];
    const { manifest } = await sharing(sharer, content);
    assert.equal(manifest.pieceCount, 41);
    const d = downloading(alice, manifest.contentId);
    const announced = [];
    d.t.on('peer-content', (c) => announced.push(c));
    const gotManifest = next(d.t, 'manifest');
    connect(sharer, alice);
    assert.deepEqual(await gotManifest, manifest);
    const { blob } = await d.done;
    assert.deepEqual(await bytesOf(blob), content);
    assert.deepEqual(d.log.progress.at(-1), { verifiedBytes: content.length, totalBytes: content.length, verifiedPieces: 41, pieceCount: 41 });
    assert.equal(fromPeer(d.log, 'sharer'), content.length, 'every payload byte came from the sharer, once');
    assert.equal(d.t.describe().pieces, 'ff'.repeat(5) + '80');
    assert.deepEqual(d.t.describe().peers, [{ peerId: 'sharer', pieces: 'ff'.repeat(5) + '80' }]);
    assert.deepEqual(announced.at(-1), { peerId: 'sharer', hasManifest: true, verifiedPieces: 41 });
  });

  it('accepts the content id of the link in upper case', async () => {
    const content = pseudoRandom(3 * PIECE, 2);
    const [sharer, alice] = [new FakeMesh('sharer'), new FakeMesh('alice')];
    const { manifest } = await sharing(sharer, content);
    const d = downloading(alice, manifest.contentId.toUpperCase());
    connect(sharer, alice);
    assert.deepEqual(await bytesOf((await d.done).blob), content);
  });

  it('downloaders serve each other what they have while downloading, and all finish', async () => {
    const content = pseudoRandom(64 * PIECE, 3);
    const sharer = new FakeMesh('sharer');
    const { manifest } = await sharing(sharer, content);
    const peers = ['a', 'b', 'c'].map((id) => new FakeMesh(id));
    const ds = peers.map((m) => downloading(m, manifest.contentId));
    for (let i = 0; i < peers.length; i++) {
      connect(sharer, peers[i]);
      for (let j = 0; j < i; j++) connect(peers[i], peers[j]);
    }
    for (const d of ds) assert.deepEqual(await bytesOf((await d.done).blob), content);
    const fromEachOther = ds.reduce((sum, d) => sum + d.log.bytes.filter((b) => b.direction === 'down' && b.peerId !== 'sharer').reduce((s, b) => s + b.bytes, 0), 0);
    assert.ok(fromEachOther > 0, 'some pieces came from other downloaders, not the sharer');
  });

  it('bans a peer whose pieces fail verification and finishes from an honest one', async () => {
    const content = pseudoRandom(24 * PIECE, 4);
    const [honest, liar, alice] = [new FakeMesh('honest'), new FakeMesh('liar'), new FakeMesh('alice')];
    const { manifest } = await sharing(honest, content);
    await sharing(liar, content, { corrupt: () => true });
    const d = downloading(alice, manifest.contentId);
    connect(liar, alice);
    connect(honest, alice);
    assert.deepEqual(await bytesOf((await d.done).blob), content);
    assert.deepEqual(d.log.banned, ['liar']);
    assert.ok(d.log.failed.length >= 1 && d.log.failed.every((f) => f.peerIds.includes('liar')), JSON.stringify(d.log.failed));
  });

  it('keeps what a peer sends while the sharer is still hashing, so nobody waits forever for a lost HANDSHAKE', async () => {
    const content = pseudoRandom(32 * PIECE, 7);
    const [sharer, alice] = [new FakeMesh('sharer'), new FakeMesh('alice')];
    const probe = seed({ files: [new File([content], 'data.bin')], mesh: new FakeMesh('probe'), pieceSize: PIECE });
    open.push(probe);
    const { contentId } = await next(probe, 'manifest');
    const d = downloading(alice, contentId);
    connect(sharer, alice); // alice's HANDSHAKE is on its way before the sharer has a manifest
    const s = seed({ files: [new File([content], 'data.bin')], mesh: sharer, pieceSize: PIECE });
    open.push(s);
    assert.deepEqual(await bytesOf((await d.done).blob), content);
  });

  it('keeps serving from the finished file after completing', async () => {
    const content = pseudoRandom(8 * PIECE, 5);
    const [sharer, alice, bob] = [new FakeMesh('sharer'), new FakeMesh('alice'), new FakeMesh('bob')];
    const { t: s, manifest } = await sharing(sharer, content);
    const a = downloading(alice, manifest.contentId);
    connect(sharer, alice);
    await a.done;
    s.close(); // the sharer is gone: bob can only get it from alice
    const b = downloading(bob, manifest.contentId);
    connect(alice, bob);
    assert.deepEqual(await bytesOf((await b.done).blob), content);
    assert.equal(fromPeer(b.log, 'alice'), content.length);
  });

  it('warns NO_SEEDERS once when the connected peers have no manifest either, and keeps waiting', async () => {
    const scheduler = new FakeScheduler();
    const [alice, bob] = [new FakeMesh('alice'), new FakeMesh('bob')];
    const a = downloading(alice, 'cd'.repeat(32), { scheduler });
    downloading(bob, 'cd'.repeat(32), { scheduler });
    connect(alice, bob);
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r)); // handshakes cross
    scheduler.advance(4_000);
    assert.deepEqual(a.log.warnings, []);
    scheduler.advance(2_000);
    assert.deepEqual(a.log.warnings, ['NO_SEEDERS']);
    scheduler.advance(10_000);
    assert.deepEqual(a.log.warnings, ['NO_SEEDERS'], 'said once');
    assert.equal(a.t.closed, false);
  });

  it('warns when a peer has other content, and keeps waiting', async () => {
    const [other, alice] = [new FakeMesh('other'), new FakeMesh('alice')];
    await sharing(other, pseudoRandom(PIECE, 6));
    const d = downloading(alice, 'ab'.repeat(32));
    const warned = next(d.t, 'warning');
    connect(other, alice);
    assert.equal((await warned).code, 'MANIFEST_MISMATCH');
    assert.equal(d.t.closed, false);
  });
});
